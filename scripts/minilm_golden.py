#!/usr/bin/env python3
"""Reference embeddings of all-MiniLM-L6-v2 for the encoder tests (issue 12).

Runs the reference transformers pipeline offline from the pinned model files in
data/raw/minilm (fetched by `make data`): the WordPiece tokenizer from vocab.txt (transformers'
BertTokenizer; the fast tokenizer from tokenizer.json must agree on every input), AutoModel,
mean pooling over the attention mask and L2 normalisation -- what sentence-transformers does for
this model -- truncating at 128 tokens. Writes Tests/Fixtures/encoder/golden.json: for each input
its text, token ids, attention-mask length and the 384-d embedding, with the versions of torch
and transformers that made them.

Not needed by `make test` or `make report`; the golden file is committed. To rerun (Debian 12,
as root; see shared REFERENCE-TOOLS):

    apt-get install -y python3-torch python3-numpy
    /usr/bin/python3 -m pip install --break-system-packages transformers==4.30.2 tokenizers==0.13.3
    HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 /usr/bin/python3 scripts/minilm_golden.py
"""

import json
import os
import sys

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import torch  # noqa: E402
import transformers  # noqa: E402
from transformers import AutoModel, BertTokenizer, BertTokenizerFast  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODEL = os.path.join(ROOT, "data", "raw", "minilm")
OUTPUT = os.path.join(ROOT, "Tests", "Fixtures", "encoder", "golden.json")
MAX_LENGTH = 128

# Each input names what it exercises; the tests report failures by this label.
INPUTS = [
    ("plain", "In the beginning God created the heaven and the earth."),
    ("mixed case", "ThE QuIcK BrOwN FoX jumps over the LAZY dog"),
    ("accents", "Café déjà vu: naïve façade, résumé, Ångström, São Paulo, Zoë"),
    ("punctuation", "Wait... what?! (Yes) [no] {maybe} -- \"quoted\" 'single' a/b\\c @home #tag $5 %7 ^ & * _ + = | ~ `"),
    ("numbers", "3.14159 and 2,718 or 1e-12; version 4.30.2 costs $1,000,000.00 on 2026-11-29 at 23:10"),
    ("emoji", "I love pizza 🍕🍕 and cats 🐈‍⬛ 👍🏽 ❤️ !"),
    ("cjk", "Chinese 中文字符 and Japanese 日本語のテキスト and Korean 한국어 텍스트"),
    ("long word", "a " + "supercalifragilisticexpialidocious" * 4 + " b"),
    ("long word 100", "x" * 100 + " " + "y" * 101),
    ("control characters", "tab\there\nnewline\r\nreturn\x00null\x07bell\u200bzero-width\u00adsoft hyphen\ufeffbom"),
    ("whitespace", "   leading and trailing   \u00a0non-breaking\u3000ideographic space   "),
    ("subwords", "unaffable tokenization antidisestablishmentarianism photosynthesizing"),
    ("unknown characters", "Math: ∑∫∂√∞ ≠ ≈ and arrows → ⇒ and box ☐ and rune ᚠ and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢"),
    ("greek and cyrillic", "Ελληνικά κείμενα και Русский текст с буквой Ё"),
    ("kjv verse", "And God said, Let there be light: and there was light."),
    ("kjv archaic", "Thou shalt not bear false witness against thy neighbour; whosoever hateth his brother is a murderer."),
    ("single word", "Jesus"),
    ("empty", ""),
    ("apostrophes", "don't won't it's the LORD's people's shepherds' fold"),
    ("truncation", " ".join(f"word{i} and verse {i}, selah;" for i in range(80))),
    ("truncation exact", " ".join(["light"] * 126)),
]


def main():
    if not os.path.exists(os.path.join(MODEL, "model.safetensors")):
        sys.exit(f"{MODEL}: the pinned model is missing; run make data")
    torch.set_num_threads(2)
    slow = BertTokenizer(os.path.join(MODEL, "vocab.txt"), do_lower_case=True)
    fast = BertTokenizerFast.from_pretrained(MODEL)
    model = AutoModel.from_pretrained(MODEL)
    model.eval()

    records = []
    for label, text in INPUTS:
        encoded = slow(text, truncation=True, max_length=MAX_LENGTH, return_tensors="pt")
        fast_ids = fast(text, truncation=True, max_length=MAX_LENGTH)["input_ids"]
        ids = encoded["input_ids"][0].tolist()
        if fast_ids != ids:
            sys.exit(f"{label}: slow and fast tokenizers disagree: {ids} vs {fast_ids}")
        with torch.no_grad():
            hidden = model(**encoded).last_hidden_state  # [1, T, 384]
        mask = encoded["attention_mask"].unsqueeze(-1).float()
        pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
        embedding = torch.nn.functional.normalize(pooled, p=2, dim=1)[0]
        records.append({
            "label": label,
            "text": text,
            "ids": ids,
            "tokens": slow.convert_ids_to_tokens(ids),
            "maskLength": int(encoded["attention_mask"].sum()),
            "embedding": [float(v) for v in embedding.tolist()],
        })

    out = {
        "model": "all-MiniLM-L6-v2 (data/raw/minilm, pinned in data/MANIFEST)",
        "pipeline": "BertTokenizer(vocab.txt, do_lower_case) = BertTokenizerFast(tokenizer.json), "
                    f"truncation {MAX_LENGTH}; AutoModel; mean pooling over the attention mask; L2 normalisation",
        "torch": torch.__version__,
        "transformers": transformers.__version__,
        "maxLength": MAX_LENGTH,
        "inputs": records,
    }
    os.makedirs(os.path.dirname(OUTPUT), exist_ok=True)
    with open(OUTPUT, "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=True, indent=1)
        f.write("\n")
    print(f"{OUTPUT}: {len(records)} inputs")


if __name__ == "__main__":
    main()
