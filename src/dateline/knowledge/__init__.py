"""Knowledge: versioned data files and their validating loaders."""
