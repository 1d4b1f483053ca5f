def add_parser(sub):
    p = sub.add_parser("import", help="(not yet)")
    p.set_defaults(handler=lambda args: print("not yet"))
