"""The .pyi stubs editors read describe exactly what the module has."""

import ast
import enum
import pathlib

import iro
from iro import _iro

PACKAGE = pathlib.Path(iro.__file__).parent


def stub_tree(name):
    return ast.parse((PACKAGE / name).read_text())


def stub_members(cls_node):
    names = set()
    for node in cls_node.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            names.add(node.name)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
    return {n for n in names if not n.startswith("_")}


def runtime_members(cls):
    if isinstance(cls, type) and issubclass(cls, BaseException):
        return {"field", "value", "expected"} & set(vars(cls))
    return {n for n in dir(cls) if not n.startswith("_") and n not in dir(object)}


def test_every_public_name_has_a_stub_and_back():
    tree = stub_tree("_iro.pyi")
    stubbed = {n.name for n in tree.body if isinstance(n, (ast.ClassDef, ast.FunctionDef))}
    stubbed |= {n.target.id for n in tree.body if isinstance(n, ast.AnnAssign)}
    public = {n for n in dir(_iro) if not n.startswith("_")} | {"__version__"}
    assert public - stubbed == set()
    assert {n for n in stubbed if not n.startswith("_")} - public == set()


def test_every_class_member_has_a_stub_and_back():
    tree = stub_tree("_iro.pyi")
    for node in tree.body:
        if not isinstance(node, ast.ClassDef):
            continue
        cls = getattr(_iro, node.name)
        if issubclass(cls, enum.Enum):
            continue  # enum members are checked in test_values.py
        assert runtime_members(cls) == stub_members(node), node.name


def test_package_stub_reexports_all():
    tree = stub_tree("__init__.pyi")
    names = {alias.asname for node in tree.body if isinstance(node, ast.ImportFrom) for alias in node.names}
    assert names == set(iro.__all__)
    assert set(iro.__all__) == {n for n in dir(_iro) if not n.startswith("_")} | {"__version__"}
