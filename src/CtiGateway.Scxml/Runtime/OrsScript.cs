namespace CtiGateway.Scxml.Runtime;

/// <summary>
/// What ORS (SpiderMonkey-era) strategies expect from the ECMAScript environment and Jint lacks: <c>uneval()</c> and
/// <c>Object.prototype.toSource()</c> (a JavaScript-literal serialiser), <c>_data</c> as the data model object (so
/// <c>_data.x</c> and <c>x</c> are the same variable) and the Composer include prefix <c>_my_prefix</c> (empty for a
/// document run on its own). Run once per engine of an ORS-dialect session, in script only.
/// </summary>
internal static class OrsScript
{
    public const string Source = """
(function (g) {
  function quote(s) {
    return '"' + String(s).replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t') + '"';
  }
  function src(v, seen) {
    if (v === undefined) { return '(void 0)'; }
    if (v === null) { return 'null'; }
    var t = typeof v;
    if (t === 'string') { return quote(v); }
    if (t === 'number' || t === 'boolean') { return String(v); }
    if (t === 'function') { return String(v); }
    if (seen.indexOf(v) >= 0) { return '{}'; }
    seen.push(v);
    var out;
    if (Array.isArray(v)) {
      out = '[' + v.map(function (x) { return src(x, seen); }).join(', ') + ']';
    } else if (v instanceof Date) {
      out = '(new Date(' + v.getTime() + '))';
    } else {
      var parts = [];
      for (var k in v) {
        if (Object.prototype.hasOwnProperty.call(v, k)) {
          parts.push((/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k) ? k : quote(k)) + ':' + src(v[k], seen));
        }
      }
      out = '({' + parts.join(', ') + '})';
    }
    seen.pop();
    return out;
  }
  Object.defineProperty(g, 'uneval', { value: function (v) { return src(v, []); }, writable: true, enumerable: false, configurable: true });
  Object.defineProperty(Object.prototype, 'toSource', { value: function () { return src(this.valueOf(), []); }, writable: true, enumerable: false, configurable: true });
  Object.defineProperty(g, '_data', { value: g, writable: false, enumerable: false, configurable: false });
  if (!('_my_prefix' in g)) { g._my_prefix = ''; }
})(this);
""";
}
