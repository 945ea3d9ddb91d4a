"""flask seed: tried by hand with `flask --app app seed`; nothing to test here yet."""
