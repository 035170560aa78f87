"""Reading raw inputs: files with every value's position, the project's layout, git revisions."""
