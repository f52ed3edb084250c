# html/: generated sources. The named character reference table comes from
# html/entities.txt (shipped in the repo, derived from WHATWG entities.json)
# and the tag perfect hash from the tag list in html/html.h.
find_package(Python3 REQUIRED COMPONENTS Interpreter)
set(WEFT_HTML_GEN_DIR ${CMAKE_BINARY_DIR}/generated/html)
file(MAKE_DIRECTORY ${WEFT_HTML_GEN_DIR})
add_custom_command(
  OUTPUT ${WEFT_HTML_GEN_DIR}/entities_table.c
  COMMAND Python3::Interpreter ${CMAKE_SOURCE_DIR}/html/tools/gen_entities.py
          ${CMAKE_SOURCE_DIR}/html/entities.txt ${WEFT_HTML_GEN_DIR}/entities_table.c
  DEPENDS ${CMAKE_SOURCE_DIR}/html/tools/gen_entities.py ${CMAKE_SOURCE_DIR}/html/entities.txt
  COMMENT "Generating the named character reference table")
add_custom_command(
  OUTPUT ${WEFT_HTML_GEN_DIR}/tags_hash.c
  COMMAND Python3::Interpreter ${CMAKE_SOURCE_DIR}/html/tools/gen_tags.py
          ${CMAKE_SOURCE_DIR}/html/html.h ${WEFT_HTML_GEN_DIR}/tags_hash.c
  DEPENDS ${CMAKE_SOURCE_DIR}/html/tools/gen_tags.py ${CMAKE_SOURCE_DIR}/html/html.h
  COMMENT "Generating the tag name perfect hash")
set(WEFT_HTML_GENERATED ${WEFT_HTML_GEN_DIR}/entities_table.c ${WEFT_HTML_GEN_DIR}/tags_hash.c)
