#!/usr/bin/python3
# Generates python-sessions.ini with python-x2go (run once by hand; the output is committed as a test
# resource, tests never regenerate it). Usage: /usr/bin/python3 generate_python_sessions.py <out-file>
import os
import sys
import tempfile

out = os.path.abspath(sys.argv[1])
home = tempfile.mkdtemp()
os.environ['HOME'] = home
from x2go.backends.profiles.file import X2GoSessionProfiles

cfg = os.path.join(home, '.x2goclient', 'sessions')
p = X2GoSessionProfiles(config_files=[cfg])
p.add_profile(name='Office KDE', host='srv1.example.org,srv2.example.org',
              user='alice', sshport=2222, command='KDE', rootless=False, width=1280, height=1024, speed=4,
              export={'/home/alice/Documents': True, '/home/alice/Music': False}, sound=True,
              layout='de', type='pc105/de', setdpi=True, dpi=120)
p.add_profile(name='Terminal', host='term.example.org', command='TERMINAL',
              rootless=True, maxdim=True, usesshproxy=True, sshproxyhost='jump.example.org',
              applications=['WWWBROWSER', 'TERMINAL'], mimeboxextensions='pdf,odt')
p.write_user_config = True  # python only writes when this flag is set
assert p.write()
with open(cfg) as f:
    data = f.read()
with open(out, 'w') as f:
    f.write(data)
print(out)
