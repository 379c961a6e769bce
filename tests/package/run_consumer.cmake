# SPDX-License-Identifier: MIT
# cmake -DBULWARK_SOURCE_DIR=... -DBULWARK_BINARY_DIR=... -DWORK_DIR=... -DGENERATOR=...
#       -DCXX=... -P run_consumer.cmake
cmake_minimum_required(VERSION 3.23)

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    string(REPLACE ";" " " cmd "${ARGN}")
    message(FATAL_ERROR "failed (${rc}): ${cmd}\n${out}\n${err}")
  endif()
  set(last_output "${out}" PARENT_SCOPE)
endfunction()

function(expect_consumer_output exe)
  run("${exe}")
  if(NOT last_output MATCHES "bulwark [0-9]+\\.[0-9]+\\.[0-9]+: #1 buy 100 AAPL limit 190.1 day")
    message(FATAL_ERROR "unexpected output of ${exe}:\n${last_output}")
  endif()
endfunction()

set(prefix "${WORK_DIR}/prefix")
set(consumer "${CMAKE_CURRENT_LIST_DIR}/consumer")
file(REMOVE_RECURSE "${WORK_DIR}")

# 1. Install, then find_package(bulwark CONFIG REQUIRED) from the prefix only.
run("${CMAKE_COMMAND}" --install "${BULWARK_BINARY_DIR}" --prefix "${prefix}")
foreach(installed include/bulwark/core.hpp share/cmake/bulwark/bulwarkConfig.cmake
                  share/cmake/bulwark/bulwarkConfigVersion.cmake share/pkgconfig/bulwark.pc)
  if(NOT EXISTS "${prefix}/${installed}")
    message(FATAL_ERROR "install did not produce ${installed}")
  endif()
endforeach()
run("${CMAKE_COMMAND}" -S "${consumer}" -B "${WORK_DIR}/find_package" -G "${GENERATOR}"
    "-DCMAKE_CXX_COMPILER=${CXX}" "-DCMAKE_PREFIX_PATH=${prefix}" -DCONSUME=find_package
    -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF)
if(NOT last_output MATCHES "consumer: bulwark_DIR=${prefix}/share/cmake/bulwark")
  message(FATAL_ERROR "find_package did not use the installed package:\n${last_output}")
endif()
run("${CMAKE_COMMAND}" --build "${WORK_DIR}/find_package")
expect_consumer_output("${WORK_DIR}/find_package/consumer")

# 2. add_subdirectory of the source tree (tests, examples and install rules stay off).
run("${CMAKE_COMMAND}" -S "${consumer}" -B "${WORK_DIR}/subdirectory" -G "${GENERATOR}"
    "-DCMAKE_CXX_COMPILER=${CXX}" -DCONSUME=subdirectory
    "-DBULWARK_SOURCE_DIR=${BULWARK_SOURCE_DIR}")
run("${CMAKE_COMMAND}" --build "${WORK_DIR}/subdirectory")
expect_consumer_output("${WORK_DIR}/subdirectory/consumer")

# 3. pkg-config --cflags bulwark, then a plain compiler command line.
run("${CMAKE_COMMAND}" -E env "PKG_CONFIG_PATH=${prefix}/share/pkgconfig" pkg-config --cflags
    bulwark)
string(STRIP "${last_output}" cflags)
separate_arguments(cflags UNIX_COMMAND "${cflags}")
if(NOT cflags MATCHES "-I${prefix}/share/pkgconfig/../../include")
  message(FATAL_ERROR "pkg-config --cflags bulwark did not point into the prefix: ${cflags}")
endif()
run("${CMAKE_COMMAND}" -E env "PKG_CONFIG_PATH=${prefix}/share/pkgconfig" pkg-config --libs
    bulwark)
string(STRIP "${last_output}" libs)
separate_arguments(libs UNIX_COMMAND "${libs}")
run("${CXX}" -std=c++20 ${cflags} "${consumer}/main.cpp" -o "${WORK_DIR}/pkg_config_consumer"
    ${libs})
expect_consumer_output("${WORK_DIR}/pkg_config_consumer")

message(STATUS "package consumer: find_package, add_subdirectory and pkg-config all work")
