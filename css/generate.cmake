# css/: build-time generated sources. The UA stylesheet (css/ua.css) is
# embedded as a C string so the library needs no data files at run time.
find_package(Python3 REQUIRED COMPONENTS Interpreter)
set(WEFT_CSS_UA_C ${CMAKE_BINARY_DIR}/generated/css_ua_stylesheet.c)
add_custom_command(
  OUTPUT ${WEFT_CSS_UA_C}
  COMMAND Python3::Interpreter ${CMAKE_SOURCE_DIR}/css/embed_ua.py ${CMAKE_SOURCE_DIR}/css/ua.css
          ${CMAKE_SOURCE_DIR}/css/ua-quirks.css ${WEFT_CSS_UA_C}
  DEPENDS ${CMAKE_SOURCE_DIR}/css/ua.css ${CMAKE_SOURCE_DIR}/css/ua-quirks.css ${CMAKE_SOURCE_DIR}/css/embed_ua.py
  COMMENT "Embedding the UA stylesheet")
set(WEFT_CSS_GENERATED ${WEFT_CSS_UA_C})
