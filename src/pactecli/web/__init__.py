"""`pacte serve`: the pact in a browser, and forms that write correct records.

A thin web layer over the core, which knows nothing of HTTP (as Fava is over Beancount):
`http` (requests and responses over WSGI), `security` (Host, CSRF, headers), `live` (the pact as
it is on disk now, reloaded when its files change), `pages` (reading), `forms` and `writes`
(editing through `author.edit`), `proposal` (`--git`), `app` (the routes), `server` (serving).

The standard library serves it (a WSGI application run by `wsgiref` in threads): no dependency
to install, and every route is tested by calling the WSGI callable directly. Imported only by
`pacte serve`.
"""
