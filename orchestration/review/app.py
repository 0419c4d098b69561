"""The studio's web app (Starlette, Jinja templates, one hand-written script): pages for the
documents list and a document, and the JSON endpoints the page calls. Every write goes
through the code the CLI uses (add_document, accept, reextract, add_reference)."""

from __future__ import annotations

import contextlib
import datetime
import json
import re
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from orchestration.extract.workflow import accept, add_document, reextract
from orchestration.ingest.figures import QUALIFIERS
from orchestration.ingest.raw_inputs import KINDS, MEASURES, REFERENCE_COLUMNS, RELATION_ARITY, SEVERITIES, RawDataError

from . import builds, reference, store
from .store import Paths, StaleVersion

HERE = Path(__file__).parent
_DOC_ID = re.compile(r"[a-z0-9][a-z0-9-]*")


def decode_text(data: bytes) -> tuple[str, str]:
    """An uploaded text as str and the encoding it was in: UTF-8 (a BOM dropped), else GBK
    (read as GB18030, its superset); anything else is refused."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "GBK"
    except UnicodeDecodeError as exc:
        raise ValueError(f"the file is neither UTF-8 nor GBK (byte {exc.start})") from None


def create_app(paths: Paths | None = None) -> Starlette:
    paths = paths or Paths.default()
    runner = builds.BuildRunner()
    templates = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(["html"]))
    vocabulary = {"qualifiers": list(QUALIFIERS), "kinds": list(KINDS), "measures": list(MEASURES),
                  "relation_kinds": list(RELATION_ARITY), "severities": list(SEVERITIES),
                  "reference_columns": REFERENCE_COLUMNS}

    def page(name: str, status: int = 200, **context: Any) -> HTMLResponse:
        return HTMLResponse(templates.get_template(name).render(**context), status_code=status)

    def problem_response(exc: Exception, status: int = 422, **extra: Any) -> JSONResponse:
        if isinstance(exc, RawDataError):
            return JSONResponse({"error": "nothing changed: " + "; ".join(str(p) for p in exc.problems),
                                 "problems": [{"file": str(p.path), "line": p.line, "reason": p.reason, "text": str(p)}
                                              for p in exc.problems], **extra}, status_code=status)
        return JSONResponse({"error": str(exc), "problems": [], **extra}, status_code=status)

    async def documents_page(request: Request, error: str = "", form: dict[str, str] | None = None,
                             status: int = 200) -> HTMLResponse:
        db, published = builds.results_db(runner)
        rows = await run_in_threadpool(store.summaries, paths, builds.check_counts(db))
        return page("documents.html", status, documents=rows, error=error, form=form or {},
                    results_from="published warehouse" if published else ("last build (not published)" if db else ""))

    async def home(request: Request) -> Response:
        return await documents_page(request)

    async def add(request: Request) -> Response:
        form = await request.form()
        values = {k: str(form.get(k) or "").strip() for k in ("doc_id", "region", "published", "title", "publisher",
                                                               "source")}
        pasted = str(form.get("text") or "")
        upload = form.get("file")
        try:
            if isinstance(upload, UploadFile) and upload.filename:
                text, _ = decode_text(await upload.read())
                name = Path(upload.filename).name
            elif pasted.strip():
                text = pasted.replace("\r\n", "\n")  # a form sends a textarea's line breaks as CRLF
                name = f"{values['doc_id'] or 'pasted-text'}.txt"
            else:
                raise ValueError("paste the text or choose a .txt file")
            try:
                published = datetime.date.fromisoformat(values["published"])
            except ValueError:
                raise ValueError(f"published: not an ISO date (YYYY-MM-DD): {values['published']!r}") from None
            with tempfile.TemporaryDirectory(prefix="regstat-review-") as tmp:
                source = Path(tmp) / name
                source.write_text(text, encoding="utf-8", newline="")
                added = await run_in_threadpool(
                    lambda: _locked(add_document, source, values["region"], published, doc_id=values["doc_id"] or None,
                                    title=values["title"] or None, publisher=values["publisher"],
                                    source_url=values["source"], raw=paths.raw,
                                    review_dir=paths.review_dir))
        except (RawDataError, ValueError, OSError) as exc:
            message = "\n".join(str(p) for p in exc.problems) if isinstance(exc, RawDataError) else str(exc)
            return await documents_page(request, error=message, form={**values, "text": pasted}, status=422)
        return RedirectResponse(f"/documents/{added.doc_id}", status_code=303)

    def _state(doc_id: str) -> dict[str, Any]:
        data = store.state(paths, doc_id)
        db, published = builds.results_db(runner)
        data["checks"] = builds.document_checks(db, doc_id)
        data["checks_from"] = "published warehouse" if published else ("last build (not published)" if db else "")
        data["build"] = runner.status()
        return data

    async def document_page(request: Request) -> Response:
        doc_id = request.path_params["doc_id"]
        try:
            data = await run_in_threadpool(_state, doc_id)
        except KeyError:
            return page("missing.html", 404, doc_id=doc_id)
        return page("document.html", doc=data["doc"], state_json=_script_json(data),
                    vocabulary_json=_script_json(vocabulary))

    async def api_state(request: Request) -> Response:
        try:
            return JSONResponse(await run_in_threadpool(_state, request.path_params["doc_id"]))
        except KeyError:
            return JSONResponse({"error": f"unknown document {request.path_params['doc_id']!r}"}, status_code=404)

    async def api_save(request: Request) -> Response:
        doc_id = request.path_params["doc_id"]
        body = await request.json()
        try:
            new = await run_in_threadpool(store.save, paths, doc_id, str(body.get("version", "")),
                                          list(body.get("figures", [])), list(body.get("relations", [])))
        except StaleVersion as exc:
            return problem_response(exc, 409, stale=True)
        except KeyError:
            return JSONResponse({"error": f"unknown document {doc_id!r}"}, status_code=404)
        except RawDataError as exc:
            return problem_response(exc)
        return JSONResponse({"version": new})

    async def api_missed(request: Request) -> Response:
        doc_id = request.path_params["doc_id"]
        body = await request.json()
        try:
            figure_id = await run_in_threadpool(store.add_missed, paths, doc_id, str(body.get("version", "")),
                                                int(body["start"]), int(body["end"]))
        except StaleVersion as exc:
            return problem_response(exc, 409, stale=True)
        except (ValueError, KeyError, RawDataError) as exc:
            return problem_response(exc)
        return JSONResponse({"figure_id": figure_id, **await run_in_threadpool(_state, doc_id)})

    async def api_accept(request: Request) -> Response:
        doc_id = request.path_params["doc_id"]
        body = await request.json()
        review_file, _ = paths.review(doc_id)

        def run() -> Any:
            with store.WRITE_LOCK:
                store._check_version(paths, doc_id, str(body.get("version", "")))
                return accept(review_file, raw=paths.raw, id_prefix=str(body.get("id_prefix") or "") or None)

        try:
            done = await run_in_threadpool(run)
        except StaleVersion as exc:
            return problem_response(exc, 409, stale=True)
        except RawDataError as exc:
            rows = store.problems_by_row(paths, doc_id, exc)
            return JSONResponse({"error": f"nothing changed: {len(rows)} problem(s), shown next to their rows",
                                 "problems": rows}, status_code=422)
        except (ValueError, OSError) as exc:
            return problem_response(exc)
        return JSONResponse({**await run_in_threadpool(_state, doc_id), "accepted_ids": done.new_ids,
                             "rejected_count": done.rejected, "pending_count": done.pending,
                             "relations_accepted": done.relations})

    async def api_reextract(request: Request) -> Response:
        doc_id = request.path_params["doc_id"]
        body = await request.json()

        def run() -> Any:
            with store.WRITE_LOCK:
                store._check_version(paths, doc_id, str(body.get("version", "")))
                return reextract(doc_id, raw=paths.raw, review_dir=paths.review_dir)

        try:
            added = await run_in_threadpool(run)
        except StaleVersion as exc:
            return problem_response(exc, 409, stale=True)
        except (RawDataError, ValueError, OSError) as exc:
            return problem_response(exc)
        return JSONResponse({"candidates": added.candidates, **await run_in_threadpool(_state, doc_id)})

    async def api_reference_search(request: Request) -> Response:
        try:
            rows = await run_in_threadpool(reference.search, paths.raw, request.path_params["table"],
                                           request.query_params.get("q", ""))
        except (ValueError, RawDataError) as exc:
            return problem_response(exc, 404)
        return JSONResponse({"rows": rows})

    async def api_reference_add(request: Request) -> Response:
        body = await request.json()
        try:
            path, line = await run_in_threadpool(
                lambda: _locked(reference.add_reference, paths.raw, request.path_params["table"],
                                {k: str(v) for k, v in body.items()}))
        except (ValueError, RawDataError) as exc:
            return problem_response(exc)
        return JSONResponse({"file": str(path), "line": line})

    async def api_build_start(request: Request) -> Response:
        body = await request.json() if request.headers.get("content-length", "0") != "0" else {}
        build = await run_in_threadpool(runner.start, str(body.get("doc_id", "")))
        return JSONResponse(build.snapshot(), status_code=202)

    async def api_build_status(request: Request) -> Response:
        return JSONResponse(runner.status())

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        runner.stop()  # a build started here does not outlive the server

    app = Starlette(routes=[
        Route("/", home),
        Route("/documents", add, methods=["POST"]),
        Route("/documents/{doc_id}", document_page),
        Route("/api/documents/{doc_id}", api_state),
        Route("/api/documents/{doc_id}/review", api_save, methods=["PUT"]),
        Route("/api/documents/{doc_id}/figures", api_missed, methods=["POST"]),
        Route("/api/documents/{doc_id}/accept", api_accept, methods=["POST"]),
        Route("/api/documents/{doc_id}/reextract", api_reextract, methods=["POST"]),
        Route("/api/reference/{table}", api_reference_search),
        Route("/api/reference/{table}", api_reference_add, methods=["POST"]),
        Route("/api/build", api_build_status),
        Route("/api/build", api_build_start, methods=["POST"]),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ], lifespan=lifespan)
    app.state.runner = runner
    app.state.paths = paths
    return app


def _locked(function: Any, *args: Any, **kwargs: Any) -> Any:
    with store.WRITE_LOCK:
        return function(*args, **kwargs)


def _script_json(data: Any) -> str:
    """JSON to embed in a <script> element: '</' would end the element early."""
    return json.dumps(data, ensure_ascii=False, default=str).replace("</", "<\\/")
