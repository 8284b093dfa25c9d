"""`pacte serve`: the pact in a browser, on this machine only, with forms that write records.

Starts a local web server (`pactecli.web`) over the pact's folder: the roadmap, the execution
view, the problems, one page per record with its git history, live reload when a file changes;
and, unless `--lecture-seule`, forms that write records checked by the validator first. The web
package is imported only here: no other command pays for it.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from pactecli.cli.common import AsOfOption, RootOption, as_of_date, pact_root
from pactecli.errors import UsageError

LOOPBACK = "127.0.0.1"


def serve(
    root: RootOption = None,
    port: Annotated[
        int,
        typer.Option(
            "--port", help="Port d'écoute (0 : un port libre, affiché).", min=0, max=65535
        ),
    ] = 8000,
    hote: Annotated[
        str,
        typer.Option(
            "--hote",
            help="Adresse d'écoute. Par défaut 127.0.0.1 : seule cette machine peut ouvrir les "
            "pages. Une autre adresse ouvre le pacte au réseau (un avertissement le rappelle).",
            metavar="ADRESSE",
        ),
    ] = LOOPBACK,
    lecture_seule: Annotated[
        bool,
        typer.Option(
            "--lecture-seule",
            help="Aucun formulaire ni aucune écriture : les pages se lisent seulement.",
        ),
    ] = False,
    ouvrir: Annotated[
        bool, typer.Option("--ouvrir", help="Ouvre la feuille de route dans le navigateur.")
    ] = False,
    git: Annotated[
        bool,
        typer.Option(
            "--git",
            help="Ajoute « Préparer la proposition » : enregistre les fichiers modifiés dans un "
            "commit sur une nouvelle branche, sans toucher la copie de travail ni la branche "
            "courante, et montre le pacte diff de cette branche. Ne pousse jamais.",
        ),
    ] = False,
    as_of: AsOfOption = None,
) -> None:
    """Ouvre le pacte dans un navigateur : feuille de route, exécution, problèmes, fiches et
    leur historique, rechargées dès qu'un fichier change ; formulaires qui écrivent des fichiers
    vérifiés par pacte validate (sauf --lecture-seule).

    Le serveur n'écoute que cette machine (127.0.0.1) sauf --hote. Ctrl+C l'arrête.
    """
    folder = pact_root(root)
    day = as_of_date(as_of) if as_of is not None else None
    # Imported here, not at start-up: no other command pays for the web package.
    from pactecli.web.app import WebApp
    from pactecli.web.live import LivePact
    from pactecli.web.security import Guard, allowed_hosts
    from pactecli.web.server import bind

    if git and lecture_seule:
        raise UsageError(
            "--git et --lecture-seule ne vont pas ensemble",
            hint="une proposition enregistre des modifications : retirez l'une des deux options",
        )
    if git:
        from pactecli.load.git import Repository

        Repository.of(folder)  # not a git repository: said now, not on the first click
    server = bind(hote, port)
    bound = int(server.server_address[1])
    guard = Guard(allowed_hosts(hote, bound), bound)
    application = WebApp(folder, guard, LivePact(folder, day), not lecture_seule, git)
    server.set_app(application)
    shown = f"[{hote}]" if ":" in hote else hote
    url = f"http://{shown}:{bound}/"
    if hote not in (LOOPBACK, "localhost", "::1"):
        _say(
            f"pacte : attention : le serveur écoute sur {hote} : toute machine qui atteint cette "
            "adresse peut lire le pacte"
            + ("" if lecture_seule else " et le modifier (ajoutez --lecture-seule pour l'éviter)")
            + "."
        )
    mode = "lecture seule" if lecture_seule else "lecture et écriture"
    print(f"pacte serve : {url} ({mode}, pacte de {folder}) — Ctrl+C pour arrêter", flush=True)
    if ouvrir:
        import webbrowser

        webbrowser.open(url)
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        print("\npacte serve : serveur arrêté.", flush=True)
    finally:
        server.server_close()


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)
