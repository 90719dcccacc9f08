#!/usr/bin/env python3
"""Prints CommandTable.Builder declarations for the named commands from a live redis-server's
COMMAND INFO, so arity, flags, key positions, key specs, ACL categories and tips are Redis's own.
Usage: tools/command-decls.py PORT cmd [cmd ...] (handler names: Family::lowercasename)."""
import socket, sys

def conn(port):
    s = socket.create_connection(("127.0.0.1", port)); return s.makefile("rwb")

def send(f, *args):
    out = b"*%d\r\n" % len(args)
    for a in args:
        a = a.encode() if isinstance(a, str) else a
        out += b"$%d\r\n%s\r\n" % (len(a), a)
    f.write(out); f.flush(); return read(f)

def read(f):
    line = f.readline()[:-2]; t, rest = line[:1], line[1:]
    if t in (b"+",): return rest.decode()
    if t == b"-": raise Exception(rest.decode())
    if t == b":": return int(rest)
    if t == b"$":
        n = int(rest)
        if n < 0: return None
        d = f.read(n + 2)[:-2]; return d.decode()
    if t == b"*":
        n = int(rest)
        return None if n < 0 else [read(f) for _ in range(n)]
    raise Exception("bad type %r" % line)

def spec_str(ks):
    d = dict(zip(ks[::2], ks[1::2]))
    flags = " ".join(d.get("flags", []))
    bs = dict(zip(d["begin_search"][::2], d["begin_search"][1::2]))
    bspec = dict(zip(bs["spec"][::2], bs["spec"][1::2])) if bs.get("spec") else {}
    if bs["type"] == "index": b = "index:%d" % bspec["index"]
    elif bs["type"] == "keyword": b = "keyword:%s,%d" % (bspec["keyword"], bspec["startfrom"])
    else: b = "unknown"
    fk = dict(zip(d["find_keys"][::2], d["find_keys"][1::2]))
    fspec = dict(zip(fk["spec"][::2], fk["spec"][1::2])) if fk.get("spec") else {}
    if fk["type"] == "range": k = "range:%d,%d,%d" % (fspec["lastkey"], fspec["keystep"], fspec["limit"])
    elif fk["type"] == "keynum": k = "keynum:%d,%d,%d" % (fspec["keynumidx"], fspec["firstkey"], fspec["keystep"])
    else: k = "unknown"
    return "%s|%s|%s" % (flags, b, k)

def decl(info, var="b", handler=None, docs=None):
    name, arity, flags, first, last, step, acl, tips, keyspecs, subs = info
    h = handler or "null"
    s = '%s.add("%s", %d, %s)' % (var, name, arity, h) if "|" not in name else None
    parts = []
    if flags: parts.append('.flags("%s")' % " ".join(flags))
    if acl: parts.append('.acl("%s")' % " ".join(acl))
    if first or keyspecs:
        parts.append('.keys(%d, %d, %d%s)' % (first, last, step, "".join(', "%s"' % spec_str(k) for k in keyspecs)))
    if tips: parts.append('.tips(%s)' % ", ".join('"%s"' % t for t in tips))
    if docs:
        parts.append('.group("%s").since("%s")' % (docs.get("group", "generic"), docs.get("since", "1.0.0")))
    return parts

def main():
    port = int(sys.argv[1]); family = sys.argv[2]
    f = conn(port)
    for cmd in sys.argv[3:]:
        info = send(f, "COMMAND", "INFO", cmd)[0]
        if info is None: print("// %s: unknown to redis" % cmd); continue
        d = send(f, "COMMAND", "DOCS", cmd)
        docs = dict(zip(d[1][::2], d[1][1::2])) if d else {}
        parts = decl(info, docs=docs)
        subs = info[9]
        h = "null" if subs else "%s::%s" % (family, cmd.lower().replace("-", "_"))
        var = cmd.lower().replace("-", "_")
        lhs = "CommandSpec.Builder %s = " % var if subs else ""
        print('    %sb.add("%s", %d, %s)%s;' % (lhs, cmd.lower(), info[1], h, "\n        ".join([""] + parts) if parts else ""))
        if subs:
            for sub in subs:
                sname = sub[0].split("|")[1]
                sd = dict(zip(docs.get("subcommands", [])[::2], docs.get("subcommands", [])[1::2])).get(sub[0])
                sdocs = dict(zip(sd[::2], sd[1::2])) if sd else {}
                sparts = decl(sub, docs=sdocs)
                print('    %s.sub("%s", %d, %s::%s_%s)%s;' % (var, sname, sub[1], family, var, sname.replace("-", "_"), "\n        ".join([""] + sparts)))
main()
