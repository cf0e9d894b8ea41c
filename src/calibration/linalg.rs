//! Small dense square matrices: the Cholesky factorisation, solves and inverses of p×p normal equations.

/// A column whose Cholesky pivot falls below this share of its diagonal is a linear combination of the
/// earlier columns (its squared residual after projecting on them is under 10⁻¹⁰ of its squared length,
/// i.e. R² > 1 − 10⁻¹⁰). The share is invariant to the column's scale.
pub(super) const RANK_TOLERANCE: f64 = 1e-10;

/// A dense square matrix, stored row by row.
#[derive(Debug, Clone, PartialEq)]
pub struct SquareMatrix {
    dim: usize,
    values: Vec<f64>,
}

impl SquareMatrix {
    /// The `dim`×`dim` zero matrix.
    pub fn zeros(dim: usize) -> Self {
        Self {
            dim,
            values: vec![0.0; dim * dim],
        }
    }

    /// Number of rows (= columns).
    pub fn dim(&self) -> usize {
        self.dim
    }

    /// Entry in row `i`, column `j`.
    #[inline]
    pub fn get(&self, i: usize, j: usize) -> f64 {
        self.values[i * self.dim + j]
    }

    #[inline]
    pub fn set(&mut self, i: usize, j: usize, value: f64) {
        self.values[i * self.dim + j] = value;
    }

    #[inline]
    pub fn add(&mut self, i: usize, j: usize, value: f64) {
        self.values[i * self.dim + j] += value;
    }

    /// The diagonal entries.
    pub fn diagonal(&self) -> Vec<f64> {
        (0..self.dim).map(|i| self.get(i, i)).collect()
    }

    /// The leading `k`×`k` block.
    pub fn leading_block(&self, k: usize) -> Self {
        let mut block = Self::zeros(k);
        for i in 0..k {
            for j in 0..k {
                block.set(i, j, self.get(i, j));
            }
        }
        block
    }

    /// The quadratic form cᵀ A c.
    pub fn quadratic_form(&self, c: &[f64]) -> f64 {
        (0..self.dim)
            .map(|i| c[i] * (0..self.dim).map(|j| self.get(i, j) * c[j]).sum::<f64>())
            .sum()
    }
}

/// The first column (from 0) at which a matrix stopped being positive definite.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct NotPositiveDefinite {
    pub column: usize,
}

/// The lower-triangular factor L of a symmetric positive-definite A = L Lᵀ.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Cholesky {
    lower: SquareMatrix,
}

impl Cholesky {
    /// Factors `a` (only its lower triangle is read). Fails at the first column whose pivot is not above
    /// [`RANK_TOLERANCE`] times its diagonal entry: that column is (numerically) a combination of the earlier ones.
    pub(super) fn factor(a: &SquareMatrix) -> Result<Self, NotPositiveDefinite> {
        let n = a.dim();
        let mut lower = SquareMatrix::zeros(n);
        for j in 0..n {
            let pivot = a.get(j, j) - (0..j).map(|k| lower.get(j, k).powi(2)).sum::<f64>();
            let independent = pivot.is_finite() && pivot > RANK_TOLERANCE * a.get(j, j);
            if !independent {
                return Err(NotPositiveDefinite { column: j });
            }
            let diagonal = pivot.sqrt();
            lower.set(j, j, diagonal);
            for i in j + 1..n {
                let dot: f64 = (0..j).map(|k| lower.get(i, k) * lower.get(j, k)).sum();
                lower.set(i, j, (a.get(i, j) - dot) / diagonal);
            }
        }
        Ok(Self { lower })
    }

    /// The factor L.
    pub(super) fn lower(&self) -> &SquareMatrix {
        &self.lower
    }

    /// Solves A x = b.
    pub(super) fn solve(&self, b: &[f64]) -> Vec<f64> {
        let n = self.lower.dim();
        let mut y = vec![0.0; n];
        for i in 0..n {
            let dot: f64 = (0..i).map(|k| self.lower.get(i, k) * y[k]).sum();
            y[i] = (b[i] - dot) / self.lower.get(i, i);
        }
        let mut x = vec![0.0; n];
        for i in (0..n).rev() {
            let dot: f64 = (i + 1..n).map(|k| self.lower.get(k, i) * x[k]).sum();
            x[i] = (y[i] - dot) / self.lower.get(i, i);
        }
        x
    }

    /// A⁻¹, column by column.
    pub(super) fn inverse(&self) -> SquareMatrix {
        let n = self.lower.dim();
        let mut inverse = SquareMatrix::zeros(n);
        let mut unit = vec![0.0; n];
        for j in 0..n {
            unit[j] = 1.0;
            for (i, value) in self.solve(&unit).into_iter().enumerate() {
                inverse.set(i, j, value);
            }
            unit[j] = 0.0;
        }
        inverse
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matrix(rows: &[&[f64]]) -> SquareMatrix {
        let mut m = SquareMatrix::zeros(rows.len());
        for (i, row) in rows.iter().enumerate() {
            for (j, &v) in row.iter().enumerate() {
                m.set(i, j, v);
            }
        }
        m
    }

    #[test]
    fn solves_and_inverts_a_hand_worked_system() {
        // A = [[4, 2], [2, 3]]: det 8, A⁻¹ = [[3, -2], [-2, 4]] / 8; A x = (2, 1) → x = (0.5, 0).
        let a = matrix(&[&[4.0, 2.0], &[2.0, 3.0]]);
        let chol = Cholesky::factor(&a).unwrap();
        let x = chol.solve(&[2.0, 1.0]);
        assert!((x[0] - 0.5).abs() < 1e-15 && x[1].abs() < 1e-15);
        let inv = chol.inverse();
        let expected = [[3.0 / 8.0, -2.0 / 8.0], [-2.0 / 8.0, 4.0 / 8.0]];
        for (i, row) in expected.iter().enumerate() {
            for (j, &v) in row.iter().enumerate() {
                assert!((inv.get(i, j) - v).abs() < 1e-15);
            }
        }
        assert!((a.quadratic_form(&[1.0, -1.0]) - 3.0).abs() < 1e-15);
    }

    #[test]
    fn reports_the_dependent_column() {
        // Column 2 = column 0 + column 1 in X; XᵀX of X = [[1,0,1],[0,1,1],[1,1,2]].
        let xtx = matrix(&[&[1.0, 0.0, 1.0], &[0.0, 1.0, 1.0], &[1.0, 1.0, 2.0]]);
        assert_eq!(Cholesky::factor(&xtx), Err(NotPositiveDefinite { column: 2 }));
        let zero_first = matrix(&[&[0.0, 0.0], &[0.0, 1.0]]);
        assert_eq!(Cholesky::factor(&zero_first), Err(NotPositiveDefinite { column: 0 }));
    }
}
