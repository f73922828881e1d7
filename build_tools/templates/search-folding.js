/* Added by the course build (build_tools/i18n/editions.py): search in this language stems words and
   folds their accents, in the index and in every query, so that "mediation", "médiation" and
   "médiations" find one another. */
!function (lunr) {
  var language = lunr && lunr["{language}"];
  if (!language || !language.stemmer || language.stemmer.folded) return;
  var fold = function (word) { return word.normalize("NFD").replace(/[\u0300-\u036f]/g, ""); };
  var stem = language.stemmer;
  var stemmed = function (token) {
    var result = stem(token);
    return result && result.update ? result.update(fold) : result;
  };
  stemmed.folded = true;
  stemmed.label = "stemmer-{language}";
  lunr.Pipeline.registeredFunctions[stemmed.label] = stemmed;
  language.stemmer = stemmed;
  /* Material adds a wildcard to every word of a query, and lunr runs no pipeline on a word with a
     wildcard: the word is stemmed and folded here, as the index's words were. */
  var parseTerm = lunr.QueryParser.parseTerm;
  lunr.QueryParser.parseTerm = function (parser) {
    var lexeme = parser.peekLexeme();
    if (lexeme && /^[^*]+\*?$/.test(lexeme.str)) {
      var wildcard = lexeme.str.slice(-1) === "*" ? "*" : "";
      var word = lexeme.str.slice(0, lexeme.str.length - wildcard.length).toLowerCase();
      lexeme.str = String(stemmed(new lunr.Token(word, {}))) + wildcard;
    }
    return parseTerm(parser);
  };
}(this.lunr);
