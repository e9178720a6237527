namespace CtiGateway.Scxml.Runtime;

/// <summary>
/// A small XML DOM written in ECMAScript (no CLR objects are exposed to scripts). XML data arrives as a JSON tree and is
/// built into node objects with the usual read API (getElementsByTagName, getAttribute, childNodes, textContent...).
/// </summary>
internal static class DomScript
{
    public const string GlobalName = "__scxmlDom";

    public const string Source = """
(function (g) {
  function Node() {}
  function each(list, f) { for (var i = 0; i < list.length; i++) { f(list[i]); } }
  Node.prototype.getElementsByTagName = function (name) {
    var out = [];
    function walk(n) {
      each(n.childNodes, function (c) {
        if (c.nodeType === 1) { if (name === '*' || c.tagName === name || c.localName === name) { out.push(c); } walk(c); }
      });
    }
    walk(this);
    return out;
  };
  Node.prototype.getElementsByTagNameNS = function (ns, name) {
    return this.getElementsByTagName(name).filter(function (e) { return ns === '*' || e.namespaceURI === ns; });
  };
  Node.prototype.getAttribute = function (name) {
    var a = this.attributes || [];
    for (var i = 0; i < a.length; i++) { if (a[i].name === name) { return a[i].value; } }
    return null;
  };
  Node.prototype.hasAttribute = function (name) { return this.getAttribute(name) !== null; };
  Node.prototype.setAttribute = function (name, value) {
    var a = this.attributes;
    for (var i = 0; i < a.length; i++) { if (a[i].name === name) { a[i].value = String(value); return; } }
    a.push({ name: name, value: String(value), nodeType: 2 });
  };
  Node.prototype.appendChild = function (c) { c.parentNode = this; this.childNodes.push(c); return c; };
  Node.prototype.hasChildNodes = function () { return this.childNodes.length > 0; };
  function getter(name, f) { Object.defineProperty(Node.prototype, name, { get: f, enumerable: false, configurable: false }); }
  getter('firstChild', function () { return this.childNodes.length ? this.childNodes[0] : null; });
  getter('lastChild', function () { return this.childNodes.length ? this.childNodes[this.childNodes.length - 1] : null; });
  getter('children', function () { return this.childNodes.filter(function (c) { return c.nodeType === 1; }); });
  getter('firstElementChild', function () { var c = this.children; return c.length ? c[0] : null; });
  getter('textContent', function () {
    if (this.nodeType === 3 || this.nodeType === 4) { return this.nodeValue; }
    var s = '';
    each(this.childNodes, function (c) { s += c.textContent; });
    return s;
  });
  function esc(s, attr) {
    s = String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    return attr ? s.replace(/"/g, '&quot;') : s;
  }
  function serialize(n) {
    if (n.nodeType === 9) { return n.documentElement ? serialize(n.documentElement) : ''; }
    if (n.nodeType === 3) { return esc(n.nodeValue, false); }
    if (n.nodeType === 4) { return '<![CDATA[' + n.nodeValue + ']]>'; }
    var s = '<' + n.tagName;
    if (n.namespaceURI !== null && n.namespaceURI !== undefined && (!n.parentNode || n.parentNode.namespaceURI !== n.namespaceURI)) {
      s += ' xmlns="' + esc(n.namespaceURI, true) + '"';
    }
    each(n.attributes, function (a) { s += ' ' + a.name + '="' + esc(a.value, true) + '"'; });
    if (!n.childNodes.length) { return s + '/>'; }
    s += '>';
    each(n.childNodes, function (c) { s += serialize(c); });
    return s + '</' + n.tagName + '>';
  }
  function build(j, parent) {
    var n = new Node();
    n.parentNode = parent;
    if (j.t === 3 || j.t === 4) {
      n.nodeType = j.t; n.nodeName = j.t === 3 ? '#text' : '#cdata-section'; n.nodeValue = j.v; n.data = j.v; n.childNodes = [];
      return n;
    }
    n.nodeType = 1; n.tagName = j.n; n.nodeName = j.n; n.localName = j.l; n.namespaceURI = j.ns; n.nodeValue = null;
    n.attributes = j.a.map(function (p) { return { name: p[0], value: p[1], nodeType: 2 }; });
    n.childNodes = j.c.map(function (c) { return build(c, n); });
    return n;
  }
  function documentOf(trees) {
    var d = new Node();
    d.nodeType = 9; d.nodeName = '#document'; d.parentNode = null; d.attributes = []; d.nodeValue = null;
    d.childNodes = trees.map(function (t) { return build(t, d); });
    d.documentElement = d.childNodes.filter(function (c) { return c.nodeType === 1; })[0] || null;
    return d;
  }
  Object.defineProperty(g, '__scxmlDom', {
    value: Object.freeze({
      build: function (json) { return documentOf(JSON.parse(json)); },
      serialize: function (n) { return serialize(n); },
      isNode: function (v) { return v instanceof Node; }
    }),
    writable: false, enumerable: false, configurable: false
  });
})(this);
""";
}
