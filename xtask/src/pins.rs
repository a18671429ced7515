//! Reads `pins.toml`, the one place that names every external tool version.

use std::collections::BTreeMap;
use std::path::Path;

/// The pinned versions, keyed as in `pins.toml`.
pub struct Pins(BTreeMap<String, String>);

impl Pins {
    pub fn load(root: &Path) -> Result<Pins, String> {
        let path = root.join("pins.toml");
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        parse(&text).map(Pins).map_err(|e| format!("{}: {e}", path.display()))
    }

    pub fn get(&self, key: &str) -> &str {
        self.0.get(key).map(String::as_str).unwrap_or_else(|| panic!("pins.toml has no `{key}`"))
    }
}

/// Parses the flat `key = "value"  # comment` subset of TOML that `pins.toml` uses.
fn parse(text: &str) -> Result<BTreeMap<String, String>, String> {
    let mut pins = BTreeMap::new();
    for (index, raw) in text.lines().enumerate() {
        let line = raw.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let (key, value) = line
            .split_once('=')
            .ok_or_else(|| format!("line {}: expected key = \"value\"", index + 1))?;
        let value = value.trim();
        let value = value
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .ok_or_else(|| format!("line {}: the value must be a quoted string", index + 1))?;
        pins.insert(key.trim().to_string(), value.to_string());
    }
    Ok(pins)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_keys_values_and_comments() {
        let pins = parse("# c\ntrunk = \"0.21.14\"  # note\n\nmoto = \"5.2.1\"\n").unwrap();
        assert_eq!(pins["trunk"], "0.21.14");
        assert_eq!(pins["moto"], "5.2.1");
    }

    #[test]
    fn rejects_unquoted_values() {
        assert!(parse("trunk = 0.21").unwrap_err().contains("line 1"));
    }

    #[test]
    fn package_json_agrees_with_pins() {
        let root = crate::util::root();
        let pins = Pins::load(&root).unwrap();
        let package = std::fs::read_to_string(root.join("tests/e2e/package.json")).unwrap();
        for (name, key) in [
            ("@playwright/test", "playwright"),
            ("axe-core", "axe_core"),
            ("velocityjs", "velocityjs"),
        ] {
            let needle = format!("\"{name}\": \"{}\"", pins.get(key));
            assert!(package.contains(&needle), "tests/e2e/package.json must pin {needle}");
        }
    }

    #[test]
    fn trunk_tools_agree_with_pins() {
        // Trunk downloads a tool whose version it does not find, and only the package
        // registries are reachable: its [tools] must name exactly what `cargo xtask` installs.
        let root = crate::util::root();
        let pins = Pins::load(&root).unwrap();
        let trunk = std::fs::read_to_string(root.join("Trunk.toml")).unwrap();
        let tool = |name: &str| {
            trunk
                .lines()
                .find_map(|l| l.trim().strip_prefix(name)?.trim().strip_prefix('='))
                .map(|v| v.trim().trim_matches('"').to_string())
                .unwrap_or_else(|| panic!("Trunk.toml's [tools] must pin {name}"))
        };
        let bindgen = crate::tools::wasm_bindgen_version(&root).unwrap();
        assert_eq!(tool("wasm_bindgen"), bindgen, "Trunk.toml's wasm_bindgen vs Cargo.lock");
        let major = pins.get("binaryen").split('.').next().unwrap().to_string();
        assert_eq!(
            tool("wasm_opt"),
            format!("version_{major}"),
            "Trunk.toml's wasm_opt vs pins.toml"
        );
    }
}
