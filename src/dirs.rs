//! Where sanad keeps its files, after the XDG base directory rules (a few lines, no crate).

use std::ffi::OsString;
use std::path::PathBuf;

/// sanad's configuration directory: `$XDG_CONFIG_HOME/sanad`, else `~/.config/sanad`.
pub fn config_dir() -> Option<PathBuf> {
    config_dir_from(|name| std::env::var_os(name))
}

/// sanad's data directory: `$XDG_DATA_HOME/sanad`, else `~/.local/share/sanad`.
pub fn data_dir() -> Option<PathBuf> {
    data_dir_from(|name| std::env::var_os(name))
}

/// [`config_dir`] with the environment read through `env`, so tests need not change it.
pub fn config_dir_from(env: impl Fn(&str) -> Option<OsString>) -> Option<PathBuf> {
    base_dir(&env, "XDG_CONFIG_HOME", ".config")
}

/// [`data_dir`] with the environment read through `env`.
pub fn data_dir_from(env: impl Fn(&str) -> Option<OsString>) -> Option<PathBuf> {
    base_dir(&env, "XDG_DATA_HOME", ".local/share")
}

/// The spec ignores a variable that is unset, empty or relative; then `$HOME/fallback` applies.
fn base_dir(
    env: &impl Fn(&str) -> Option<OsString>,
    variable: &str,
    fallback: &str,
) -> Option<PathBuf> {
    let base = env(variable)
        .map(PathBuf::from)
        .filter(|path| path.is_absolute())
        .or_else(|| {
            let home = PathBuf::from(env("HOME")?);
            home.is_absolute().then(|| home.join(fallback))
        })?;
    Some(base.join("sanad"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(vars: &'a [(&str, &str)]) -> impl Fn(&str) -> Option<OsString> + 'a {
        move |name| {
            vars.iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| OsString::from(value))
        }
    }

    #[test]
    fn xdg_variables_win_when_absolute() {
        let vars = [
            ("HOME", "/home/r"),
            ("XDG_CONFIG_HOME", "/etc/xdg-r"),
            ("XDG_DATA_HOME", "/data/r"),
        ];
        assert_eq!(
            config_dir_from(env(&vars)),
            Some(PathBuf::from("/etc/xdg-r/sanad"))
        );
        assert_eq!(
            data_dir_from(env(&vars)),
            Some(PathBuf::from("/data/r/sanad"))
        );
    }

    #[test]
    fn home_is_the_fallback_for_unset_empty_or_relative_variables() {
        for value in [None, Some(""), Some("relative/dir")] {
            let mut vars = vec![("HOME", "/home/r")];
            if let Some(value) = value {
                vars.push(("XDG_CONFIG_HOME", value));
                vars.push(("XDG_DATA_HOME", value));
            }
            assert_eq!(
                config_dir_from(env(&vars)),
                Some(PathBuf::from("/home/r/.config/sanad")),
                "{value:?}"
            );
            assert_eq!(
                data_dir_from(env(&vars)),
                Some(PathBuf::from("/home/r/.local/share/sanad")),
                "{value:?}"
            );
        }
    }

    #[test]
    fn nothing_without_home() {
        assert_eq!(config_dir_from(env(&[])), None);
        assert_eq!(data_dir_from(env(&[("HOME", "")])), None);
        // An XDG variable alone is enough.
        assert_eq!(
            config_dir_from(env(&[("XDG_CONFIG_HOME", "/x")])),
            Some(PathBuf::from("/x/sanad"))
        );
    }
}
