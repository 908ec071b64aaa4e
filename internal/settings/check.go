package settings

import (
	"errors"
	"fmt"
)

// errNotSetting is returned by Flag.Set for a flag that is no setting.
var errNotSetting = errors.New("not a setting")

// Error is a rule that settings break; Key names the setting to blame.
type Error struct {
	Key string
	Msg string
}

func (e *Error) Error() string { return e.Key + ": " + e.Msg }

// Check applies the rules that tie settings together and that every
// value must keep whatever set it: the command line, the settings file
// or the options window. It returns nil or an *Error.
func Check(s *Settings) error {
	if err := checkInterval(s.Interval, s.Interval.String()); err != nil {
		return &Error{Key: "interval", Msg: err.Error()}
	}
	switch {
	case s.Average <= 0:
		return &Error{Key: "average", Msg: fmt.Sprintf("must be above zero seconds, got %v", s.Average)}
	case s.Average > maxAverage:
		return &Error{Key: "average", Msg: fmt.Sprintf("at most %d seconds (24 hours), got %v", int(maxAverage.Seconds()), s.Average)}
	case s.Average < s.Interval:
		return &Error{Key: "average", Msg: fmt.Sprintf("the average window (%v) must be at least one interval (-t %v)", s.Average, s.Interval)}
	}
	return nil
}
