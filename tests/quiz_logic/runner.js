/* A minimal test runner for the harness page: test(name, fn), eq(actual, expected), ok(value).
 * Results go to window.yjResults as [{name, ok, message}]. */
var yjTests = [];

function test(name, fn) { yjTests.push({ name: name, fn: fn }); }

/** JSON with object keys sorted, so {a, b} equals {b, a}. */
function yjCanon(value) {
  if (Array.isArray(value)) return "[" + value.map(yjCanon).join(",") + "]";
  if (value && typeof value === "object") {
    return "{" + Object.keys(value).sort().map(function (k) { return JSON.stringify(k) + ":" + yjCanon(value[k]); }).join(",") + "}";
  }
  return value === undefined ? "undefined" : JSON.stringify(value);
}

function eq(actual, expected, what) {
  if (yjCanon(actual) !== yjCanon(expected)) {
    throw new Error((what ? what + ": " : "") + "expected " + yjCanon(expected) + ", got " + yjCanon(actual));
  }
}

function ok(value, what) { if (!value) throw new Error(what || "expected a true value"); }

/** A repeatable random source (a linear congruential generator) for shuffles in tests. */
function seeded(seed) {
  var state = seed >>> 0;
  return function () {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

/** A store like the engine's (load/save over an object): null removes. */
function memoryStore(initial) {
  var data = JSON.parse(JSON.stringify(initial || {}));
  return {
    data: data,
    load: function (key, fallback) { return Object.prototype.hasOwnProperty.call(data, key) ? JSON.parse(JSON.stringify(data[key])) : fallback; },
    save: function (key, value) { if (value === null) delete data[key]; else data[key] = JSON.parse(JSON.stringify(value)); }
  };
}

function yjRun(out) {
  var results = yjTests.map(function (t) {
    try {
      t.fn();
      return { name: t.name, ok: true, message: "" };
    } catch (e) {
      return { name: t.name, ok: false, message: String(e && e.stack || e) };
    }
  });
  window.yjResults = results;
  if (out) {
    out.textContent = results.map(function (r) { return (r.ok ? "ok   " : "FAIL ") + r.name + (r.ok ? "" : "\n     " + r.message); }).join("\n");
  }
}
