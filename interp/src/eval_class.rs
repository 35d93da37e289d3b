//! ClassDefinitionEvaluation — ECMA-262 §15.7.14: constructors, `extends`,
//! methods and accessors, fields, `#private` names, static blocks.

use std::cell::RefCell;
use std::rc::Rc;

use parser::ast::{self, ClassMemberKind, FunctionKind};

use crate::execution_context::PrivateEnvironment;
use crate::function::{ClassElement, ConstructorKind, ScriptFunction};
use crate::interp::Interp;
use crate::object::{JsObject, ObjectKind, PropertyDescriptor};
use crate::operations::{self, get_str};
use crate::storage::{Attributes, List, PropertySlot, BINDING_STRICT};
use crate::string::JsString;
use crate::value::{PrivateName, PropertyKey, Value};
use crate::JsResult;

/// A static element run after the class is defined.
enum StaticElement {
    Field(PropertyKey, Option<JsObject>),
    Block(JsObject),
}

impl Interp {
    pub(crate) fn class_definition_evaluation(
        &mut self,
        c: &ast::Class,
        binding: Option<ast::Atom>,
        name_override: Option<JsString>,
    ) -> JsResult<Value> {
        let outer_env = self.lexical_env();
        let outer_private = self.ctx().private_environment.clone();
        // 1-3. The class scope with the class's own name binding.
        let class_env = self.new_declarative_env(outer_env.clone(), "class", 1);
        if let Some(n) = &binding {
            class_env
                .bindings()
                .add(n.clone(), BINDING_STRICT, Value::Undefined);
        }
        // 4-6. The private environment.
        let mut names: Vec<(ast::Atom, PrivateName)> = Vec::new();
        for m in &c.members {
            if let ast::PropKey::Private(n) = &m.key {
                if !names.iter().any(|(x, _)| x == n) {
                    names.push((n.clone(), PrivateName::new(n.clone())));
                }
            }
        }
        let class_private = if names.is_empty() {
            outer_private.clone()
        } else {
            Some(Rc::new(PrivateEnvironment {
                outer: outer_private.clone(),
                names,
            }))
        };
        self.set_lexical_env(class_env.clone());
        self.ctx_mut().private_environment = class_private.clone();
        let r = self.class_definition_inner(c, binding, name_override, &class_env, class_private);
        self.set_lexical_env(outer_env);
        self.ctx_mut().private_environment = outer_private;
        r
    }

    fn class_definition_inner(
        &mut self,
        c: &ast::Class,
        binding: Option<ast::Atom>,
        name_override: Option<JsString>,
        class_env: &crate::environment::Env,
        class_private: Option<Rc<PrivateEnvironment>>,
    ) -> JsResult<Value> {
        let intr = &self.realm.intrinsics;
        let (proto_parent, constructor_parent) = match &c.extends {
            None => (
                Some(intr.object_prototype.clone()),
                intr.function_prototype.clone(),
            ),
            Some(h) => {
                let sc = self.eval_expr(h)?;
                match &sc {
                    Value::Null => (None, self.realm.intrinsics.function_prototype.clone()),
                    Value::Object(o) if o.is_constructor() => {
                        let pp = get_str(self, o, "prototype")?;
                        match pp {
                            Value::Object(p) => (Some(p), o.clone()),
                            Value::Null => (None, o.clone()),
                            other => {
                                let shown = crate::inspect::short_description(self, &other);
                                return Err(self.type_error(format!(
                                    "Class extends value does not have valid prototype property {shown}"
                                )));
                            }
                        }
                    }
                    other => {
                        let shown = crate::inspect::short_description(self, other);
                        return Err(self.type_error(format!(
                            "Class extends value {shown} is not a constructor or null"
                        )));
                    }
                }
            }
        };
        let proto = self.alloc_object(proto_parent, ObjectKind::Ordinary);
        let derived = c.extends.is_some();
        let (code, is_default) = match &c.constructor {
            Some(f) => (f.clone(), false),
            None => (Rc::new(default_constructor_code(derived, c.span)), true),
        };
        let name = binding
            .as_deref()
            .map(JsString::from)
            .or(name_override)
            .or_else(|| c.name.as_deref().map(JsString::from))
            .unwrap_or_else(JsString::empty);
        let source = self
            .ctx()
            .source()
            .cloned()
            .unwrap_or_else(|| crate::execution_context::Source::new("<anonymous>", ""));
        let f = self.alloc_object(
            Some(constructor_parent),
            ObjectKind::Function(Box::new(ScriptFunction {
                code: code.clone(),
                environment: class_env.clone(),
                private_environment: class_private.clone(),
                home_object: Some(proto.clone()),
                source,
                constructor_kind: if derived {
                    ConstructorKind::Derived
                } else {
                    ConstructorKind::Base
                },
                is_default_constructor: is_default,
                fields: List::new(),
                class_span: Some(c.span),
                class_extends: RefCell::new(None),
                spare_envs: List::new(),
                spare_in_use: std::cell::Cell::new(0),
                env_reuse: crate::function::env_reusable_code(&code),
                layout: std::cell::OnceCell::new(),
                prototype_site: Default::default(),
            })),
        );
        f.define_value(
            "length",
            Value::from(code.length),
            Attributes::new(false, false, true),
        );
        f.define_value(
            "name",
            Value::String(name),
            Attributes::new(false, false, true),
        );
        f.define_value(
            "prototype",
            Value::Object(proto.clone()),
            Attributes::none(),
        );
        proto.define_value(
            "constructor",
            Value::Object(f.clone()),
            Attributes::hidden(),
        );

        let mut instance_elements: Vec<ClassElement> = Vec::new();
        let mut static_elements: Vec<StaticElement> = Vec::new();
        for m in &c.members {
            let home = if m.is_static {
                f.clone()
            } else {
                proto.clone()
            };
            match &m.kind {
                ClassMemberKind::Method(func) => {
                    let key = self.eval_prop_key(&m.key)?;
                    let fo = self.define_method(&home, &key, func, None)?;
                    if let PropertyKey::Private(_) = key {
                        let slot = PropertySlot::Data(Value::Object(fo), Attributes::none());
                        if m.is_static {
                            f.storage_insert(key, slot);
                        } else {
                            instance_elements.push(ClassElement::PrivateMethod { key, slot });
                        }
                    } else {
                        operations::define_property_or_throw(
                            self,
                            &home,
                            key,
                            PropertyDescriptor::data(Value::Object(fo), Attributes::hidden()),
                        )?;
                    }
                }
                ClassMemberKind::Getter(func) | ClassMemberKind::Setter(func) => {
                    let is_get = matches!(m.kind, ClassMemberKind::Getter(_));
                    let key = self.eval_prop_key(&m.key)?;
                    let fo = self.define_method(
                        &home,
                        &key,
                        func,
                        Some(if is_get { "get" } else { "set" }),
                    )?;
                    if let PropertyKey::Private(_) = key {
                        let merge = |old: Option<&PropertySlot>| -> PropertySlot {
                            let (g, s) = match old {
                                Some(PropertySlot::Accessor(g, s, _)) => (g.clone(), s.clone()),
                                _ => (None, None),
                            };
                            if is_get {
                                PropertySlot::Accessor(Some(fo.clone()), s, Attributes::none())
                            } else {
                                PropertySlot::Accessor(g, Some(fo.clone()), Attributes::none())
                            }
                        };
                        if m.is_static {
                            let old = f.private_get(&key);
                            f.storage_insert(key, merge(old.as_ref()));
                        } else {
                            let pos = instance_elements.iter().position(
                                |e| matches!(e, ClassElement::PrivateMethod { key: k, .. } if *k == key),
                            );
                            match pos {
                                Some(i) => {
                                    if let ClassElement::PrivateMethod { slot, .. } =
                                        &instance_elements[i]
                                    {
                                        let new = merge(Some(slot));
                                        instance_elements[i] =
                                            ClassElement::PrivateMethod { key, slot: new };
                                    }
                                }
                                None => {
                                    let slot = merge(None);
                                    instance_elements
                                        .push(ClassElement::PrivateMethod { key, slot });
                                }
                            }
                        }
                    } else {
                        let desc = if is_get {
                            PropertyDescriptor {
                                get: Some(Value::Object(fo)),
                                enumerable: Some(false),
                                configurable: Some(true),
                                ..Default::default()
                            }
                        } else {
                            PropertyDescriptor {
                                set: Some(Value::Object(fo)),
                                enumerable: Some(false),
                                configurable: Some(true),
                                ..Default::default()
                            }
                        };
                        operations::define_property_or_throw(self, &home, key, desc)?;
                    }
                }
                ClassMemberKind::Field(init) => {
                    let key = self.eval_prop_key(&m.key)?;
                    let initializer = match init {
                        Some(func) => {
                            let fname = crate::function::function_name_from_key(&key, None);
                            let env = self.lexical_env();
                            let fo = crate::function::create_script_function(
                                self,
                                func,
                                env,
                                class_private.clone(),
                                Some(home.clone()),
                                fname,
                            );
                            Some(fo)
                        }
                        None => None,
                    };
                    if m.is_static {
                        static_elements.push(StaticElement::Field(key, initializer));
                    } else {
                        instance_elements.push(ClassElement::Field { key, initializer });
                    }
                }
                ClassMemberKind::StaticBlock(func) => {
                    let env = self.lexical_env();
                    let fo = crate::function::create_script_function(
                        self,
                        func,
                        env,
                        class_private.clone(),
                        Some(f.clone()),
                        JsString::empty(),
                    );
                    static_elements.push(StaticElement::Block(fo));
                }
            }
        }
        if let ObjectKind::Function(sf) = f.kind() {
            for e in instance_elements {
                sf.fields.push(e);
            }
        }
        if let Some(n) = &binding {
            self.initialize_binding(class_env, n, Value::Object(f.clone()));
        }
        let fv = Value::Object(f.clone());
        for e in static_elements {
            match e {
                StaticElement::Field(key, init) => {
                    let v = match init {
                        Some(i) => self.call(&Value::Object(i), &fv, &[])?,
                        None => Value::Undefined,
                    };
                    if let PropertyKey::Private(_) = key {
                        f.storage_insert(
                            key,
                            PropertySlot::Data(v, Attributes::new(true, false, false)),
                        );
                    } else {
                        operations::create_data_property_or_throw(self, &f, key, v)?;
                    }
                }
                StaticElement::Block(b) => {
                    self.call(&Value::Object(b), &fv, &[])?;
                }
            }
        }
        Ok(fv)
    }
}

/// The code of a class without an explicit constructor.
fn default_constructor_code(derived: bool, span: ast::Span) -> ast::Function {
    ast::Function {
        name: None,
        kind: if derived {
            FunctionKind::DerivedConstructor
        } else {
            FunctionKind::ClassConstructor
        },
        is_async: false,
        is_generator: false,
        is_expression: false,
        params: Vec::new(),
        body: ast::FunctionBody::Block(Vec::new()),
        strict: true,
        simple_params: true,
        length: 0,
        uses_arguments: false,
        uses_eval: false,
        uses_this: false,
        inner_closures: false,
        param_names: Vec::new(),
        scope: ast::Scope::default(),
        span,
    }
}
