from talentgraph.cli import main

main()
