import json
RECS = []
def R(style, label, text, kind='chat', sel=None):
    assert label in ('local','quick','coding','reasoning')
    r = {'kind': kind, 'text': text.strip('\n')}
    if sel is not None: r['selection'] = sel.strip('\n')
    r['label'] = label; r['style'] = style
    RECS.append(r)
