from pactecli.cli.app import main

main()
