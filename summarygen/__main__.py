from summarygen.cli import main

main()
