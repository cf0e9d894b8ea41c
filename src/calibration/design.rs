//! The design matrix of a count regression: one row per stop, named covariate columns, full-rank check.

use super::FitError;
use super::linalg::{Cholesky, SquareMatrix};

/// A coefficient of an earlier column counts as part of a collinear combination when its contribution
/// (|coefficient| × column length) exceeds this share of the dependent column's length.
const COMBINATION_SHARE: f64 = 1e-6;

/// Covariates of every row, with column names (e.g. `intercept`, `ln_population`, `venue_school`).
#[derive(Debug, Clone, PartialEq)]
pub struct Design {
    names: Vec<String>,
    n_rows: usize,
    /// Row-major values, `n_rows` × `names.len()`.
    values: Vec<f64>,
}

impl Design {
    /// Builds a design from named columns of equal length and finite values.
    pub fn from_columns(columns: Vec<(String, Vec<f64>)>) -> Result<Self, FitError> {
        let n_rows = columns.first().ok_or(FitError::NoColumns)?.1.len();
        for (j, (name, column)) in columns.iter().enumerate() {
            if columns[..j].iter().any(|(other, _)| other == name) {
                return Err(FitError::DuplicateColumn(name.clone()));
            }
            if column.len() != n_rows {
                return Err(FitError::ColumnLength {
                    column: name.clone(),
                    expected: n_rows,
                    found: column.len(),
                });
            }
            if let Some((row, &value)) = column.iter().enumerate().find(|(_, v)| !v.is_finite()) {
                return Err(FitError::NonFiniteCovariate {
                    column: name.clone(),
                    row,
                    value,
                });
            }
        }
        let p = columns.len();
        let mut values = vec![0.0; n_rows * p];
        for (j, (_, column)) in columns.iter().enumerate() {
            for (i, &v) in column.iter().enumerate() {
                values[i * p + j] = v;
            }
        }
        Ok(Self {
            names: columns.into_iter().map(|(name, _)| name).collect(),
            n_rows,
            values,
        })
    }

    pub fn n_rows(&self) -> usize {
        self.n_rows
    }

    /// Number of columns (parameters).
    pub fn n_columns(&self) -> usize {
        self.names.len()
    }

    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// The covariates of row `i`.
    #[inline]
    pub fn row(&self, i: usize) -> &[f64] {
        let p = self.n_columns();
        &self.values[i * p..(i + 1) * p]
    }

    /// The values of column `j`, row by row.
    pub fn column(&self, j: usize) -> impl Iterator<Item = f64> + '_ {
        (0..self.n_rows).map(move |i| self.row(i)[j])
    }

    /// The linear predictor Xβ of every row.
    pub(crate) fn linear_predictor(&self, beta: &[f64]) -> Vec<f64> {
        (0..self.n_rows)
            .map(|i| self.row(i).iter().zip(beta).map(|(x, b)| x * b).sum())
            .collect()
    }

    /// XᵀWX for row weights `w`.
    pub(crate) fn weighted_cross_product(&self, weights: &[f64]) -> SquareMatrix {
        let p = self.n_columns();
        let mut xtwx = SquareMatrix::zeros(p);
        for (i, &w) in weights.iter().enumerate() {
            let row = self.row(i);
            for (a, &xa) in row.iter().enumerate() {
                let wa = w * xa;
                for (b, &xb) in row[..=a].iter().enumerate() {
                    xtwx.add(a, b, wa * xb);
                }
            }
        }
        for a in 0..p {
            for b in 0..a {
                xtwx.set(b, a, xtwx.get(a, b));
            }
        }
        xtwx
    }

    /// XᵀWz for row weights `w` and a working response `z`.
    pub(crate) fn weighted_cross_vector(&self, weights: &[f64], z: &[f64]) -> Vec<f64> {
        let mut xtwz = vec![0.0; self.n_columns()];
        for (i, (&w, &zi)) in weights.iter().zip(z).enumerate() {
            for (acc, &x) in xtwz.iter_mut().zip(self.row(i)) {
                *acc += w * x * zi;
            }
        }
        xtwz
    }

    /// Checks that no column is zero, a repeated constant or a combination of earlier columns, and says
    /// which one is when it is.
    pub fn check_full_rank(&self) -> Result<(), FitError> {
        let xtx = self.weighted_cross_product(&vec![1.0; self.n_rows]);
        match Cholesky::factor(&xtx) {
            Ok(_) => Ok(()),
            Err(failure) => Err(self.describe_dependent_column(&xtx, failure.column)),
        }
    }

    /// Names what is wrong with column `j`, the first one that depends on the columns before it.
    fn describe_dependent_column(&self, xtx: &SquareMatrix, j: usize) -> FitError {
        let column = self.names[j].clone();
        if self.column(j).all(|v| v == 0.0) {
            return FitError::ZeroColumn { column };
        }
        let first = self.row(0)[j];
        if self.column(j).all(|v| v == first)
            && let Some(earlier) = (0..j).find(|&k| self.is_constant(k))
        {
            return FitError::ConstantColumn {
                column,
                value: first,
                duplicates: self.names[earlier].clone(),
            };
        }
        FitError::CollinearColumn {
            column,
            with: self.combination_of_earlier(xtx, j),
        }
    }

    fn is_constant(&self, k: usize) -> bool {
        let first = self.row(0)[k];
        first != 0.0 && self.column(k).all(|v| v == first)
    }

    /// The earlier columns that column `j` is a least-squares combination of (columns `0..j` are of full rank).
    fn combination_of_earlier(&self, xtx: &SquareMatrix, j: usize) -> Vec<String> {
        let Ok(leading) = Cholesky::factor(&xtx.leading_block(j)) else {
            return self.names[..j].to_vec();
        };
        let cross: Vec<f64> = (0..j).map(|k| xtx.get(k, j)).collect();
        let coefficients = leading.solve(&cross);
        let length_j = xtx.get(j, j).sqrt();
        (0..j)
            .filter(|&k| coefficients[k].abs() * xtx.get(k, k).sqrt() > COMBINATION_SHARE * length_j)
            .map(|k| self.names[k].clone())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn column(name: &str, values: &[f64]) -> (String, Vec<f64>) {
        (name.to_string(), values.to_vec())
    }

    #[test]
    fn stores_rows_and_computes_cross_products() {
        let d = Design::from_columns(vec![column("a", &[1.0, 1.0, 1.0]), column("b", &[0.0, 1.0, 2.0])]).unwrap();
        assert_eq!((d.n_rows(), d.n_columns()), (3, 2));
        assert_eq!(d.row(2), &[1.0, 2.0]);
        // Weights (1, 2, 3): XᵀWX = [[6, 8], [8, 14]]; XᵀWz with z = (1, 1, 1) = (6, 8).
        let m = d.weighted_cross_product(&[1.0, 2.0, 3.0]);
        assert_eq!(
            (m.get(0, 0), m.get(0, 1), m.get(1, 0), m.get(1, 1)),
            (6.0, 8.0, 8.0, 14.0)
        );
        assert_eq!(d.weighted_cross_vector(&[1.0, 2.0, 3.0], &[1.0; 3]), vec![6.0, 8.0]);
        assert_eq!(d.linear_predictor(&[0.5, 2.0]), vec![0.5, 2.5, 4.5]);
        assert!(d.check_full_rank().is_ok());
    }

    #[test]
    fn rejects_malformed_columns() {
        assert_eq!(Design::from_columns(vec![]), Err(FitError::NoColumns));
        let short = Design::from_columns(vec![column("a", &[1.0, 1.0]), column("b", &[1.0])]);
        assert!(matches!(short, Err(FitError::ColumnLength { ref column, expected: 2, found: 1 }) if column == "b"));
        let nan = Design::from_columns(vec![column("a", &[1.0, f64::NAN])]);
        assert!(matches!(nan, Err(FitError::NonFiniteCovariate { row: 1, .. })));
        let twice = Design::from_columns(vec![column("a", &[1.0]), column("a", &[2.0])]);
        assert_eq!(twice, Err(FitError::DuplicateColumn("a".into())));
    }

    #[test]
    fn names_zero_constant_and_collinear_columns() {
        let intercept = column("intercept", &[1.0; 4]);
        let x = column("x", &[0.0, 1.0, 2.0, 5.0]);
        let zero = Design::from_columns(vec![intercept.clone(), column("venue_event", &[0.0; 4])]).unwrap();
        assert_eq!(
            zero.check_full_rank(),
            Err(FitError::ZeroColumn {
                column: "venue_event".into()
            })
        );
        let constant = Design::from_columns(vec![intercept.clone(), x.clone(), column("dwell", &[3.0; 4])]).unwrap();
        assert_eq!(
            constant.check_full_rank(),
            Err(FitError::ConstantColumn {
                column: "dwell".into(),
                value: 3.0,
                duplicates: "intercept".into()
            })
        );
        // y = 2 − x uses both earlier columns; z = 3x uses only x.
        let y = column("y", &[2.0, 1.0, 0.0, -3.0]);
        let both = Design::from_columns(vec![intercept.clone(), x.clone(), y]).unwrap();
        assert_eq!(
            both.check_full_rank(),
            Err(FitError::CollinearColumn {
                column: "y".into(),
                with: vec!["intercept".into(), "x".into()]
            })
        );
        let z = column("z", &[0.0, 3.0, 6.0, 15.0]);
        let scaled = Design::from_columns(vec![intercept, x, z]).unwrap();
        let err = scaled.check_full_rank().unwrap_err();
        assert_eq!(
            err,
            FitError::CollinearColumn {
                column: "z".into(),
                with: vec!["x".into()]
            }
        );
        assert_eq!(
            err.to_string(),
            "design column `z` is a linear combination of `x`: drop one of them"
        );
    }
}
