/// The preview page: static HTML, a style sheet and a script; everything that comes from the
/// sources (text, file names, messages) reaches the page as JSON and is set as text, never as markup.
enum PreviewPage {
    static let html = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Katern preview</title>
        <link rel="stylesheet" href="/app.css">
        <link rel="icon" href="/favicon.svg" type="image/svg+xml">
        <script src="/app.js" defer></script>
        </head>
        <body>
        <header>
          <strong class="brand">Katern</strong>
          <label>Edition <select id="edition"><option value="">Base booklet</option></select></label>
          <label>Layout <select id="layout"></select></label>
          <label>Zoom <select id="zoom">
            <option value="0.5">50%</option><option value="0.75">75%</option><option value="1" selected>100%</option>
            <option value="1.5">150%</option><option value="2">200%</option></select></label>
          <label><input type="checkbox" id="outline" checked> Findings</label>
          <a id="pdf" href="#" target="_blank" rel="noopener">PDF</a>
          <span id="status" role="status" aria-live="polite">Building…</span>
        </header>
        <div id="errors" role="alert" hidden></div>
        <main>
          <section id="spreads" aria-label="Pages"></section>
          <aside id="findings" aria-label="Quality findings"><h2>Quality</h2><p id="quality"></p><ol id="finding-list"></ol></aside>
        </main>
        </body>
        </html>

        """

    static let icon = """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#00677f"/>\
        <path d="M9 7h4v8l7-8h5l-8 9 8 9h-5l-7-8v8H9z" fill="#fff"/></svg>

        """

    static let style = """
        * { box-sizing: border-box; }
        body { margin: 0; font: 14px/1.4 system-ui, sans-serif; background: #8c9196; color: #1d2125; }
        header { position: sticky; top: 0; z-index: 3; display: flex; flex-wrap: wrap; gap: 4px 18px; align-items: center;
                 padding: 8px 16px; background: #24292e; color: #f0f2f4; box-shadow: 0 1px 4px rgba(0,0,0,.3); }
        header .brand { font-size: 16px; letter-spacing: .02em; }
        header select, header input { font: inherit; }
        header a { color: #9ecbff; }
        #status { margin-left: auto; color: #c8d0d8; }
        #errors { position: sticky; top: 44px; z-index: 2; margin: 0; padding: 10px 16px; background: #b3261e; color: #fff;
                  font-family: ui-monospace, monospace; white-space: pre-wrap; box-shadow: 0 2px 6px rgba(0,0,0,.35); }
        #errors::before { content: "The last build failed; these are the last good pages.\\A"; font-family: system-ui, sans-serif; font-weight: bold; }
        main { display: flex; align-items: flex-start; }
        #spreads { flex: 1; display: flex; flex-direction: column; align-items: center; gap: 20px; padding: 20px; }
        .spread { display: flex; gap: 2px; }
        .slot { position: relative; }
        .page { position: relative; background: #fff; box-shadow: 0 2px 8px rgba(0,0,0,.35); }
        .page img { display: block; width: 100%; height: 100%; }
        .page .text { position: absolute; inset: 0; color: transparent; overflow: hidden; }
        .page .text span { position: absolute; white-space: pre; overflow: hidden; line-height: 1; }
        .page .text span::selection { background: rgba(30,110,230,.3); }
        .page .label { position: absolute; bottom: -18px; width: 100%; text-align: center; font-size: 12px; color: #f4f5f6; }
        .mark { position: absolute; border: 2px solid #e8590c; background: rgba(232,89,12,.12); border-radius: 2px; }
        .mark.widow, .mark.orphan, .mark.stranded { border-color: #c2255c; background: rgba(194,37,92,.10); }
        body.plain .mark { display: none; }
        #findings { width: 300px; position: sticky; top: 44px; max-height: calc(100vh - 44px); overflow: auto; padding: 12px 16px;
                    background: #f4f5f6; border-left: 1px solid #6c7075; }
        #findings h2 { margin: 0 0 4px; font-size: 15px; }
        #finding-list { padding-left: 20px; margin: 8px 0; }
        #finding-list li { margin-bottom: 6px; cursor: pointer; }
        #finding-list li:hover { text-decoration: underline; }

        """

    static let script = """
        "use strict";
        const $ = (id) => document.getElementById(id);
        const params = new URLSearchParams(location.search);
        let state = null;
        const slots = new Map();   // page number -> {page, img, revision, marks}

        function query(extra) {
          const q = new URLSearchParams();
          if ($("edition").value) q.set("edition", $("edition").value);
          if ($("layout").value) q.set("layout", $("layout").value);
          for (const [k, v] of Object.entries(extra || {})) q.set(k, v);
          return q.toString();
        }

        function fillSelect(select, values, current, first) {
          const wanted = [first, ...values].filter((v) => v !== null);
          const have = [...select.options].map((o) => o.value);
          if (JSON.stringify(have) !== JSON.stringify(wanted)) {
            select.replaceChildren(...wanted.map((v) => {
              const o = document.createElement("option");
              o.value = v;
              o.textContent = v === "" ? "Base booklet" : v;
              return o;
            }));
          }
          select.value = current;
        }

        function scale() { return parseFloat($("zoom").value) * 96 / 72; }
        function dpi() { return Math.min(600, Math.round(parseFloat($("zoom").value) * 96 * (window.devicePixelRatio || 1) / 24) * 24); }

        function layoutSpreads(pages) {
          const box = $("spreads");
          const wanted = [];
          // The cover alone on the right, then left and right pages side by side.
          wanted.push([null, pages[0]]);
          for (let i = 1; i < pages.length; i += 2) wanted.push([pages[i], pages[i + 1] || null]);
          const spreads = box.children;
          while (spreads.length > wanted.length) box.lastChild.remove();
          wanted.forEach((pair, i) => {
            let spread = spreads[i];
            if (!spread) { spread = document.createElement("div"); spread.className = "spread"; box.appendChild(spread); }
            pair.forEach((info, side) => {
              let slot = spread.children[side];
              if (!slot) { slot = document.createElement("div"); slot.className = "slot"; spread.appendChild(slot); }
              const w = (info || pages[0]).width * scale(), h = (info || pages[0]).height * scale();
              slot.style.width = w + "px"; slot.style.height = h + "px";
              if (!info) { slot.replaceChildren(); return; }
              let entry = slots.get(info.number);
              if (!entry || entry.page.parentNode !== slot) {
                const page = document.createElement("div");
                page.className = "page";
                page.id = "page-" + info.number;
                const img = document.createElement("img");
                img.alt = "Page " + (info.label || info.number);
                const label = document.createElement("span");
                label.className = "label";
                label.textContent = info.label || String(info.number);
                const text = document.createElement("div");
                text.className = "text";
                page.append(img, text, label);
                slot.replaceChildren(page);
                entry = { page, img, text, lines: [], revision: -1, dpi: 0 };
                slots.set(info.number, entry);
              }
              entry.page.style.width = w + "px"; entry.page.style.height = h + "px";
              if (entry.revision !== info.revision) loadText(entry, info);
              else placeText(entry);
              if (entry.revision !== info.revision || entry.dpi !== dpi()) {
                const src = "/page/" + info.number + ".png?" + query({ r: info.revision, dpi: dpi() });
                // The new image replaces the old one once it is loaded: no flash, no jump.
                const next = new Image();
                next.onload = () => { entry.img.src = src; };
                next.src = src;
                entry.revision = info.revision;
                entry.dpi = dpi();
              }
            });
          });
          for (const [number, entry] of slots) if (number > pages.length) { entry.page.remove(); slots.delete(number); }
        }

        // The page's text over its image, transparent: the browser's search finds it, it can be selected.
        async function loadText(entry, info) {
          const response = await fetch("/page/" + info.number + ".json?" + query({ r: info.revision }));
          if (!response.ok) return;
          entry.lines = await response.json();
          placeText(entry);
        }

        function placeText(entry) {
          const s = scale();
          entry.text.replaceChildren(...entry.lines.map((line) => {
            const span = document.createElement("span");
            span.textContent = line.text;
            span.style.left = line.x * s + "px"; span.style.top = line.y * s + "px";
            span.style.width = line.width * s + "px"; span.style.height = line.height * s + "px";
            span.style.fontSize = line.height * s * 0.8 + "px";
            return span;
          }));
        }

        function showFindings(findings) {
          document.querySelectorAll(".mark").forEach((m) => m.remove());
          const list = $("finding-list");
          list.replaceChildren();
          for (const f of findings) {
            const where = f.file.split("/").pop() + (f.line ? ":" + f.line : "");
            const text = "p. " + f.page + ": " + f.kind + (f.detail ? " — " + f.detail : "") + " (" + where + ")";
            const item = document.createElement("li");
            item.textContent = text;
            item.addEventListener("click", () => $("page-" + f.page)?.scrollIntoView({ behavior: "smooth", block: "center" }));
            list.appendChild(item);
            const entry = slots.get(f.page);
            if (entry && f.box) {
              const s = scale(), m = document.createElement("div");
              m.className = "mark " + f.kind.split(" ")[0];
              m.title = text;
              m.style.left = (f.box.x * s - 3) + "px"; m.style.top = (f.box.y * s - 2) + "px";
              m.style.width = (f.box.width * s + 6) + "px"; m.style.height = (f.box.height * s + 4) + "px";
              entry.page.appendChild(m);
            }
          }
        }

        async function refresh() {
          const response = await fetch("/state?" + query());
          if (!response.ok) { $("status").textContent = await response.text(); return; }
          state = await response.json();
          fillSelect($("edition"), state.editions, state.edition || "", "");
          fillSelect($("layout"), state.layouts, state.layout, null);
          if (state.pages.length) layoutSpreads(state.pages);
          showFindings(state.findings);
          const quality = (state.quality || "").replace(/^quality: /, "");
          $("quality").textContent = quality.charAt(0).toUpperCase() + quality.slice(1);
          const errors = $("errors");
          errors.hidden = state.errors.length === 0;
          errors.textContent = state.errors.join("\\n");
          const pdf = $("pdf");
          if (state.pdf) { pdf.href = state.pdf; pdf.removeAttribute("aria-disabled"); } else { pdf.removeAttribute("href"); pdf.setAttribute("aria-disabled", "true"); }
          const time = new Date(state.built).toLocaleTimeString();
          $("status").textContent = (state.errors.length ? "Build failed " : "Built ") + time + " in " + state.milliseconds + " ms · " + state.pages.length + " pages";
          document.body.dataset.version = state.version;
          document.body.dataset.pages = state.pages.length;
        }

        function choose() {
          history.replaceState(null, "", "/?" + query());
          slots.clear();
          $("spreads").replaceChildren();
          $("status").textContent = "Building…";
          refresh();
        }

        window.addEventListener("DOMContentLoaded", () => {
          $("edition").value = params.get("edition") || "";
          if (params.get("edition")) fillSelect($("edition"), [params.get("edition")], params.get("edition"), "");
          if (params.get("layout")) fillSelect($("layout"), [params.get("layout")], params.get("layout"), null);
          if (params.get("zoom")) $("zoom").value = params.get("zoom");
          $("edition").addEventListener("change", choose);
          $("layout").addEventListener("change", choose);
          $("zoom").addEventListener("change", () => { if (state) { layoutSpreads(state.pages); showFindings(state.findings); } });
          $("outline").addEventListener("change", () => document.body.classList.toggle("plain", !$("outline").checked));
          refresh();
          const events = new EventSource("/events");
          events.onmessage = () => refresh();
          events.onopen = () => refresh();
        });

        """
}
