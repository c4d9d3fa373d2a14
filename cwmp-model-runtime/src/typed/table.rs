//! [`Table`]: the instances of a multi-instance object in a typed snapshot.

use std::fmt;

use super::{DynOptional, DynTable, Members, Record};

/// The instances of a multi-instance object, by instance number, in
/// increasing order (the order the engine walks them in).
#[derive(Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct Table<T> {
    rows: Vec<(u32, T)>,
}

impl<T> Default for Table<T> {
    fn default() -> Self {
        Table { rows: Vec::new() }
    }
}

impl<T> Table<T> {
    /// An empty table.
    pub const fn new() -> Self {
        Table { rows: Vec::new() }
    }

    /// The number of instances.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether there are no instances.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The instance numbered `number`.
    pub fn get(&self, number: u32) -> Option<&T> {
        self.find(number).ok().map(|i| &self.rows[i].1)
    }

    /// The instance numbered `number`, mutably.
    pub fn get_mut(&mut self, number: u32) -> Option<&mut T> {
        self.find(number).ok().map(|i| &mut self.rows[i].1)
    }

    /// Puts `row` at `number`, returning the instance it replaces.
    pub fn insert(&mut self, number: u32, row: T) -> Option<T> {
        match self.find(number) {
            Ok(i) => Some(std::mem::replace(&mut self.rows[i].1, row)),
            Err(i) => {
                self.rows.insert(i, (number, row));
                None
            }
        }
    }

    /// Removes the instance numbered `number`.
    pub fn remove(&mut self, number: u32) -> Option<T> {
        self.find(number).ok().map(|i| self.rows.remove(i).1)
    }

    /// The instance numbers, in increasing order.
    pub fn numbers(&self) -> impl Iterator<Item = u32> + '_ {
        self.rows.iter().map(|r| r.0)
    }

    /// The instances and their numbers, in increasing order.
    pub fn iter(&self) -> impl Iterator<Item = (u32, &T)> {
        self.rows.iter().map(|(n, r)| (*n, r))
    }

    /// The instances and their numbers, mutably.
    pub fn iter_mut(&mut self) -> impl Iterator<Item = (u32, &mut T)> {
        self.rows.iter_mut().map(|(n, r)| (*n, r))
    }

    fn find(&self, number: u32) -> Result<usize, usize> {
        self.rows.binary_search_by_key(&number, |r| r.0)
    }
}

impl<T: fmt::Debug> fmt::Debug for Table<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl<T> FromIterator<(u32, T)> for Table<T> {
    fn from_iter<I: IntoIterator<Item = (u32, T)>>(iter: I) -> Self {
        let mut t = Table::new();
        for (n, r) in iter {
            t.insert(n, r);
        }
        t
    }
}

impl<T: Record> DynTable for Table<T> {
    fn rows<'a>(&'a self, f: &mut dyn FnMut(u32, &'a dyn Members)) {
        for (n, r) in &self.rows {
            f(*n, r);
        }
    }

    fn clear(&mut self) {
        self.rows.clear();
    }

    fn push_default(&mut self, number: u32) -> &mut dyn Members {
        let i = match self.find(number) {
            Ok(i) => {
                self.rows[i].1 = T::default();
                i
            }
            Err(i) => {
                self.rows.insert(i, (number, T::default()));
                i
            }
        };
        &mut self.rows[i].1
    }
}

impl<T: Record> DynOptional for Option<T> {
    fn get(&self) -> Option<&dyn Members> {
        self.as_ref().map(|r| r as &dyn Members)
    }

    fn get_mut(&mut self) -> Option<&mut dyn Members> {
        self.as_mut().map(|r| r as &mut dyn Members)
    }

    fn set_default(&mut self) -> &mut dyn Members {
        self.insert(T::default())
    }

    fn clear(&mut self) {
        *self = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_stay_sorted_by_number() {
        let mut t: Table<&str> = [(3, "c"), (1, "a")].into_iter().collect();
        assert_eq!(t.insert(2, "b"), None);
        assert_eq!(t.insert(3, "C"), Some("c"));
        assert_eq!(t.numbers().collect::<Vec<_>>(), [1, 2, 3]);
        assert_eq!(t.remove(2), Some("b"));
        assert_eq!(t.get(3), Some(&"C"));
        assert_eq!(format!("{t:?}"), r#"{1: "a", 3: "C"}"#);
    }
}
