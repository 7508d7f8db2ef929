"""The store going out and coming back: JSON, CSV, W3C Web Annotation, brat and the HTML report."""
