// css-tree's parser and walker alone (its "./parser" and "./walker" exports):
// the whole package also loads the lexer and its CSS grammar data, which a
// leaflet never needs and which doubles the load time. @types/css-tree types
// only the package's main entry; these re-use its types.
declare module 'css-tree/parser' {
  import type { CssNode, ParseOptions } from 'css-tree';
  const parse: (text: string, options?: ParseOptions) => CssNode;
  export default parse;
}
declare module 'css-tree/walker' {
  import type { CssNode, EnterOrLeaveFn } from 'css-tree';
  const walk: (ast: CssNode, visit: EnterOrLeaveFn) => void;
  export default walk;
}
