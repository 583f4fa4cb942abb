//! Figures and sources found in Arabic news text, each tied to the bytes it came from; figures
//! carry what they count and the source they are reported under.

pub mod lexicon;

pub use lexicon::{FigureKind, Lexicon, Qualifier, SourceType};
