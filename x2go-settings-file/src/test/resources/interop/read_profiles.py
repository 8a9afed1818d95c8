#!/usr/bin/python3
# Reads a sessions file with python-x2go and prints "<profile id>|<key>|<json value>" for every profile and
# key, plus "ID|<profile id>|<name>" lines. Used by PythonInteropTest. Usage: read_profiles.py <sessions-file>
import json
import os
import sys
import tempfile

os.environ['HOME'] = tempfile.mkdtemp()
from x2go.backends.profiles.file import X2GoSessionProfiles

p = X2GoSessionProfiles(config_files=[os.path.abspath(sys.argv[1])])
for pid in p.profile_ids:
    print('ID|%s|%s' % (pid, p.to_profile_name(pid)))
    cfg = p.get_profile_config(pid)
    for key in sorted(cfg):
        print('%s|%s|%s' % (pid, key, json.dumps(cfg[key], sort_keys=True)))
