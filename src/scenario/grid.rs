//! A sweep's grid: `--vary KEY=V1,V2,…` axes and their cartesian product, each point a list of
//! `--set` values, bounded by [`MAX_SWEEP_POINTS`].

use super::setting::Setting;

/// The most points a sweep may have. Each point is a full season of replications (the 2020 plan:
/// 200 stops × 200 replications, a few seconds): 64 points (e.g. 4 × 4 × 4) is a few minutes; a
/// larger study is better split into sweeps that each answer one question.
pub const MAX_SWEEP_POINTS: usize = 64;

/// One `--vary KEY=V1,V2,…`: a scenario key and the values it takes, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vary {
    /// Dotted key path, e.g. `bus.clerks`.
    pub key: String,
    /// The values as typed (each read as `--set KEY=VALUE` reads it).
    pub values: Vec<String>,
}

impl Vary {
    /// Reads `KEY=V1,V2,…`; commas inside `[…]`, `{…}` or quotes belong to the value.
    pub fn parse(arg: &str) -> Result<Self, String> {
        let setting = Setting::parse(arg)?;
        let values = split_values(&setting.value);
        if values.iter().any(String::is_empty) {
            return Err(format!(
                "\"{arg}\" has an empty value: list the values separated by commas, e.g. --vary bus.clerks=1,2,3"
            ));
        }
        Ok(Self {
            key: setting.key,
            values,
        })
    }
}

/// The grid of a sweep: its axes, in the order given (the first varies slowest).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grid {
    pub axes: Vec<Vary>,
}

impl Grid {
    /// The grid of `axes`; refuses no axis, a key varied twice, and more than [`MAX_SWEEP_POINTS`] points.
    pub fn new(axes: Vec<Vary>) -> Result<Self, String> {
        if axes.is_empty() {
            return Err("give at least one --vary KEY=V1,V2,…".into());
        }
        for (i, axis) in axes.iter().enumerate() {
            if axes[..i].iter().any(|a| a.key == axis.key) {
                return Err(format!(
                    "{} is varied twice: give all its values in one --vary {}=…",
                    axis.key, axis.key
                ));
            }
        }
        let points = axes
            .iter()
            .try_fold(1usize, |n, a| n.checked_mul(a.values.len()))
            .unwrap_or(usize::MAX);
        if points > MAX_SWEEP_POINTS {
            let sizes: Vec<String> = axes.iter().map(|a| a.values.len().to_string()).collect();
            return Err(format!(
                "the sweep has {} = {points} points, more than the {MAX_SWEEP_POINTS} a sweep may have\n  help: vary \
                 fewer keys or fewer values, or split the question into several sweeps",
                sizes.join(" × ")
            ));
        }
        Ok(Self { axes })
    }

    /// The varied keys, in order.
    pub fn keys(&self) -> Vec<&str> {
        self.axes.iter().map(|a| a.key.as_str()).collect()
    }

    /// Every point: one value per axis, the first axis varying slowest.
    pub fn points(&self) -> Vec<Vec<Setting>> {
        let mut points = vec![Vec::new()];
        for axis in &self.axes {
            points = points
                .into_iter()
                .flat_map(|point: Vec<Setting>| {
                    axis.values.iter().map(move |value| {
                        let mut next = point.clone();
                        next.push(Setting {
                            key: axis.key.clone(),
                            value: value.clone(),
                        });
                        next
                    })
                })
                .collect();
        }
        points
    }
}

/// `v1,v2,…` split at the commas outside brackets, braces and quotes.
fn split_values(text: &str) -> Vec<String> {
    let (mut values, mut current, mut depth, mut quote) = (Vec::new(), String::new(), 0i32, None);
    for c in text.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (None, '"' | '\'') => quote = Some(c),
            (None, '[' | '{') => depth += 1,
            (None, ']' | '}') => depth -= 1,
            (None, ',') if depth == 0 => {
                values.push(current.trim().to_string());
                current.clear();
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    values.push(current.trim().to_string());
    values
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vary(arg: &str) -> Vary {
        Vary::parse(arg).unwrap()
    }

    #[test]
    fn values_split_at_top_level_commas() {
        assert_eq!(vary("bus.clerks=1,2,3").values, ["1", "2", "3"]);
        assert_eq!(
            vary("season.generate.weekdays=[\"mon\",\"tue\"], [\"wed\"]").values,
            ["[\"mon\",\"tue\"]", "[\"wed\"]"]
        );
        assert_eq!(vary("name=\"a,b\",c").values, ["\"a,b\"", "c"]);
        assert!(Vary::parse("bus.clerks=1,,2").unwrap_err().contains("empty value"));
    }

    #[test]
    fn the_grid_is_the_cartesian_product_first_axis_slowest() {
        let grid = Grid::new(vec![vary("a=1,2"), vary("b=x,y,z")]).unwrap();
        let points: Vec<String> = grid
            .points()
            .iter()
            .map(|p| {
                p.iter()
                    .map(|s| format!("{}={}", s.key, s.value))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        assert_eq!(
            points,
            ["a=1 b=x", "a=1 b=y", "a=1 b=z", "a=2 b=x", "a=2 b=y", "a=2 b=z"]
        );
    }

    #[test]
    fn too_many_points_a_repeated_key_and_no_axis_are_refused() {
        let nine = "k=1,2,3,4,5,6,7,8,9";
        let err = Grid::new(vec![vary(nine), vary(&nine.replace('k', "j"))]).unwrap_err();
        assert!(err.contains("9 × 9 = 81 points, more than the 64"), "{err}");
        assert!(
            Grid::new(vec![vary("a=1"), vary("a=2")])
                .unwrap_err()
                .contains("varied twice")
        );
        assert!(Grid::new(vec![]).is_err());
        let exactly = Grid::new(vec![vary("a=1,2,3,4,5,6,7,8"), vary("b=1,2,3,4,5,6,7,8")]).unwrap();
        assert_eq!(exactly.points().len(), MAX_SWEEP_POINTS);
    }
}
