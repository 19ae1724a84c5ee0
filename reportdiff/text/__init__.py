"""Swedish-aware text helpers: normalising, splitting into words and sentences, numbers."""
