import random
from pathlib import Path

from helpers.app import AppFactory, opened


async def test_scratch(make_app: AppFactory, tmp_path: Path) -> None:
    random.seed(1)
    words = [
        "the",
        "quick",
        "brown",
        "fox",
        "jumps",
        "over",
        "lazy",
        "dog",
        "reading",
        "close",
        "coded",
        "passage",
        "memo",
    ]
    paras = [
        f"P{p} " + " ".join(random.choice(words) for _ in range(random.randint(20, 120)))
        for p in range(800)
    ]
    text = "\n\n".join(paras) + "\n"
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "long.txt").write_text(text)
    (corpus / "other.txt").write_text("other text\n")
    app = make_app(corpus=corpus, open_file=corpus / "long.txt")
    async with app.run_test(size=(120, 30)) as pilot:
        view = await opened(pilot)
        view.focus()
        view.set_document(view.document, caret=text.index("P386 ") + 300, top=text.index("P385 "))
        await pilot.pause()

        def show(tag):
            L = view.layout_engine
            top = view.top_offset
            print(
                tag,
                "top",
                top,
                repr(text[top : top + 30]),
                "caret line",
                L.line_of(view.caret) - int(view.scroll_y),
                "h",
                view._page_height(),
                view.size,
            )

        show("start")
        for size in ((70, 30), (120, 30), (70, 30), (200, 30), (120, 30), (50, 30), (120, 30)):
            await pilot.resize_terminal(*size)
            await pilot.pause(0.3)
            show(size)
