cmake_minimum_required(VERSION 3.25)
# The dependency rule, checked over a source tree:
#   1. core/oci, core/archive, core/layers, core/storage, core/auth, core/protocol, core/upstream,
#      core/relay, core/server include no Qt header
#      (nor QtKeychain, nor Qt-based core parts: client/, credentials/, local/, transfer/,
#      inspect/);
#   2. nothing under core/ includes a QtWidgets or QtGui header, nor does
#      app/berth-cli (Qt Core and Network only: it runs without a display);
#   3. ui/ only shows: it includes no QtNetwork header, no file or process
#      API (QFile, QSaveFile, QDir, QFileInfo, QProcess, ...) and no POSIX or
#      file-system header — it talks HTTP, touches the disk and runs
#      processes only through core.
# Usage: cmake -DROOT=<tree> -DQT_HEADERS=<qt include root> -P check_dependency_rule.cmake
if(NOT ROOT OR NOT QT_HEADERS)
  message(FATAL_ERROR "usage: cmake -DROOT=... -DQT_HEADERS=... -P ${CMAKE_CURRENT_LIST_FILE}")
endif()

function(module_headers module out)
  file(GLOB names RELATIVE "${QT_HEADERS}/${module}" "${QT_HEADERS}/${module}/Q*")
  list(FILTER names EXCLUDE REGEX "\\.h$")
  list(APPEND names ${module})
  set(${out} ${names} PARENT_SCOPE)
endfunction()

module_headers(QtWidgets widget_headers)
module_headers(QtGui gui_headers)
module_headers(QtNetwork network_headers)
list(LENGTH widget_headers n_widgets)
if(n_widgets LESS 50)
  message(FATAL_ERROR "Qt headers not found under ${QT_HEADERS} (found ${n_widgets} QtWidgets names)")
endif()

set(violations "")

function(scan dir predicate_var label)
  if(NOT IS_DIRECTORY "${ROOT}/${dir}")
    return()
  endif()
  file(GLOB_RECURSE files "${ROOT}/${dir}/*.h" "${ROOT}/${dir}/*.hpp" "${ROOT}/${dir}/*.cpp" "${ROOT}/${dir}/*.cc")
  foreach(f IN LISTS files)
    file(STRINGS "${f}" lines REGEX "^[ \t]*#[ \t]*include")
    foreach(line IN LISTS lines)
      string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*[<\"]([^>\"]+)[>\"].*$" "\\1" inc "${line}")
      string(REGEX REPLACE "^.*/" "" base "${inc}")
      set(bad FALSE)
      if(predicate_var STREQUAL "qtfree")
        if(inc MATCHES "^Qt[A-Z]" OR base MATCHES "^Q[A-Z][A-Za-z]*$" OR inc MATCHES "^q[a-z]+\\.h$"
           OR inc MATCHES "^qt6keychain/" OR inc MATCHES "^(client|credentials|local|transfer|inspect|ui)/")
          set(bad TRUE)
        endif()
      elseif(predicate_var STREQUAL "nowidgets")
        if(base IN_LIST widget_headers OR base IN_LIST gui_headers OR inc MATCHES "^(QtWidgets|QtGui)/" OR inc MATCHES "^ui/")
          set(bad TRUE)
        endif()
      elseif(predicate_var STREQUAL "ui")
        if(base IN_LIST network_headers OR inc MATCHES "^QtNetwork/"
           OR inc MATCHES "^(filesystem|fstream|cstdio|csignal|stdio\\.h|unistd\\.h|fcntl\\.h|signal\\.h|spawn\\.h|dirent\\.h|sys/.*)$"
           OR base MATCHES "^Q(File|SaveFile|Dir|DirIterator|FileInfo|TemporaryFile|TemporaryDir|LockFile|FileSystemWatcher|Process|StandardPaths)$")
          set(bad TRUE)
        endif()
      endif()
      if(bad)
        file(RELATIVE_PATH rel "${ROOT}" "${f}")
        set(violations "${violations}\n  ${rel}: #include <${inc}> (${label})")
        set(violations "${violations}" PARENT_SCOPE)
      endif()
    endforeach()
  endforeach()
endfunction()

foreach(d core/oci core/archive core/layers core/storage core/auth core/protocol core/upstream core/relay
    core/server)
  scan(${d} qtfree "Qt-free part includes Qt or a Qt-based part")
endforeach()
scan(core nowidgets "core includes a QtWidgets/QtGui header")
scan(app/berth-cli nowidgets "berth-cli includes a QtWidgets/QtGui header")
scan(ui ui "ui must reach HTTP and the disk layout only through core")

if(violations)
  message(FATAL_ERROR "dependency rule broken:${violations}")
endif()
message(STATUS "dependency rule holds under ${ROOT}")
