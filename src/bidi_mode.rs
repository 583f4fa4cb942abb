//! The terminal's bidi mode. sanad puts right-to-left text in visual order itself, so a
//! terminal that reorders by its own (ECMA-48 implicit mode: VTE, mintty, WezTerm) must be put
//! in explicit mode first, or it reverses every line a second time. tmux swallows the mode
//! switch, so inside it the switch also goes to the outer terminal through passthrough.

use std::process::Command;

/// ECMA-48 BDSM explicit mode and SCP left-to-right presentation.
pub const EXPLICIT: &str = "\x1b[8l\x1b[1 k";
/// Back to the terminal's implicit bidi mode and default presentation.
pub const IMPLICIT: &str = "\x1b[8h\x1b[0 k";

/// Where the mode switches go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Host {
    /// The terminal itself.
    Terminal,
    /// A tmux client: the switch also goes to the terminal outside it.
    Tmux,
}

impl Host {
    /// The host of this process: tmux when `$TMUX` is set.
    pub fn detect() -> Host {
        if std::env::var_os("TMUX").is_some_and(|value| !value.is_empty()) {
            Host::Tmux
        } else {
            Host::Terminal
        }
    }

    /// `sequence` as the host needs it: as is, and inside tmux also wrapped in its
    /// passthrough (`ESC P tmux; … ESC \`, every ESC inside doubled).
    pub fn wrap(self, sequence: &str) -> String {
        match self {
            Host::Terminal => sequence.to_owned(),
            Host::Tmux => format!(
                "{sequence}\x1bPtmux;{}\x1b\\",
                sequence.replace('\x1b', "\x1b\x1b")
            ),
        }
    }

    /// A one-line hint when the host drops what sanad sends: tmux with `allow-passthrough`
    /// off, which leaves the outer terminal in its own bidi mode.
    pub fn hint(self) -> Option<&'static str> {
        if self != Host::Tmux {
            return None;
        }
        let output = Command::new("tmux")
            .args(["show-options", "-gv", "allow-passthrough"])
            .output()
            .ok()?;
        let value = String::from_utf8_lossy(&output.stdout);
        passthrough_off(value.trim()).then_some(
            "tmux drops the bidi mode switch; for terminals that reorder by themselves (GNOME \
             Terminal, xfce4-terminal), run `tmux set -g allow-passthrough on`",
        )
    }
}

/// True when tmux's `allow-passthrough` value lets nothing through.
fn passthrough_off(value: &str) -> bool {
    !matches!(value, "on" | "all")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tmux_gets_the_switch_twice_the_second_wrapped() {
        assert_eq!(Host::Terminal.wrap(EXPLICIT), EXPLICIT);
        assert_eq!(
            Host::Tmux.wrap("\x1b[8l"),
            "\x1b[8l\x1bPtmux;\x1b\x1b[8l\x1b\\"
        );
    }

    #[test]
    fn passthrough_is_off_unless_on_or_all() {
        assert!(passthrough_off("off"));
        assert!(passthrough_off(""));
        assert!(!passthrough_off("on"));
        assert!(!passthrough_off("all"));
    }
}
