"""The explorer's actions, by concern; `tui.app.BackchannelApp` mixes them together."""
