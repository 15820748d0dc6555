//! Wokwi's `diagram.json`: which pin of the board a part's pin is wired to, so that a
//! Wokwi scenario's `expect-pin: {part-id: led1, name: A}` reads the MCU pin behind it.

use std::{
    collections::{BTreeSet, HashMap, VecDeque},
    path::Path,
};

use serde_json::Value;

/// The wiring of a diagram: pin nodes (`part:pin`) and the wires between them.
#[derive(Debug, Default)]
pub struct Diagram {
    /// Ids of the parts that are the board (type `board-…`).
    boards: BTreeSet<String>,
    wires: HashMap<String, Vec<String>>,
}

impl Diagram {
    /// Reads the `diagram.json` in `dir`; `Ok(None)` when there is none.
    pub fn load(dir: &Path) -> Result<Option<Diagram>, String> {
        let path = dir.join("diagram.json");
        let Ok(text) = std::fs::read_to_string(&path) else {
            return Ok(None);
        };
        let bad = |why: String| format!("{}: {why}", path.display());
        let json: Value = serde_json::from_str(&text).map_err(|e| bad(e.to_string()))?;
        let mut d = Diagram::default();
        for part in json["parts"].as_array().into_iter().flatten() {
            let (Some(id), Some(kind)) = (part["id"].as_str(), part["type"].as_str()) else {
                return Err(bad("a part without a string `id` and `type`".into()));
            };
            if kind.starts_with("board-") {
                d.boards.insert(id.to_string());
            }
            // A resistor passes the level between its two ends.
            if kind == "wokwi-resistor" {
                d.wire(format!("{id}:1"), format!("{id}:2"));
            }
        }
        for c in json["connections"].as_array().into_iter().flatten() {
            let (Some(a), Some(b)) = (c[0].as_str(), c[1].as_str()) else {
                return Err(bad(format!(
                    "a connection that is not [from, to, ...]: {c}"
                )));
            };
            d.wire(a.to_string(), b.to_string());
        }
        Ok(Some(d))
    }

    fn wire(&mut self, a: String, b: String) {
        self.wires.entry(a.clone()).or_default().push(b.clone());
        self.wires.entry(b).or_default().push(a);
    }

    /// The board pins (as named in the diagram) that `part:pin` is wired to.
    pub fn board_pins(&self, part: &str, pin: &str) -> BTreeSet<String> {
        let start = format!("{part}:{pin}");
        let mut seen = BTreeSet::from([start.clone()]);
        let mut todo = VecDeque::from([start]);
        let mut found = BTreeSet::new();
        while let Some(node) = todo.pop_front() {
            if let Some((p, name)) = node.split_once(':') {
                if self.boards.contains(p) {
                    found.insert(name.to_string());
                    continue;
                }
            }
            for next in self.wires.get(&node).into_iter().flatten() {
                if seen.insert(next.clone()) {
                    todo.push_back(next.clone());
                }
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pins_are_followed_through_wires_and_resistors() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("diagram.json"),
            r#"{"version": 1, "parts": [
                {"type": "board-pyboard", "id": "mcu"},
                {"type": "wokwi-led", "id": "led1"},
                {"type": "wokwi-resistor", "id": "r1"}],
              "connections": [["mcu:PA14", "r1:1", "green", []], ["r1:2", "led1:A", "", []],
                              ["led1:C", "mcu:GND.1", "black", []]]}"#,
        )
        .unwrap();
        let d = Diagram::load(dir.path()).unwrap().unwrap();
        assert_eq!(
            d.board_pins("led1", "A"),
            BTreeSet::from(["PA14".to_string()])
        );
        assert_eq!(
            d.board_pins("led1", "C"),
            BTreeSet::from(["GND.1".to_string()])
        );
        assert!(d.board_pins("led2", "A").is_empty());
        assert!(Diagram::load(&dir.path().join("none")).unwrap().is_none());
    }
}
