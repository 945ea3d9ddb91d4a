"""The command is tried by hand: flask --app app seed."""
