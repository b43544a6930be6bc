// GlossFormats turns article files into GlossModel articles: reading a file safely
// (`ArticleFile`: regular files only, opened without blocking; `TextDecoding`: BOMs, UTF-16,
// binary detection), Markdown through libcmark with YAML front matter through libyaml, and saved
// web pages through libxml2's HTML parser (opened on first use). It knows nothing of the
// store or the screen.
