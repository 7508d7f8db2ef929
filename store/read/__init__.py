"""Reading what the user names: files, folders, web pages, feeds and addresses, into articles with their dates."""
