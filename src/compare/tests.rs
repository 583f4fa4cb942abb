//! Unit tests of claim building.
