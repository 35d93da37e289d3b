//! Tree-walking evaluator.
