"""The council secretariat's workspace: sessions, agenda, participation, the record, transitions.

Every view checks the rules in kenes/councils/rules.py for the object it touches and writes only
through kenes.councils.services; a service's ValidationError is shown on the form or as a message.

Parts: sessions (list, create, edit, transitions), agenda (items and documents), participation,
record (statements and decisions), common (shared helpers). kenes/councils/staff_urls.py maps them.
"""
