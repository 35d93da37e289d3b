//! Destructuring: BindingInitialization (declarations, parameters) and
//! DestructuringAssignmentEvaluation — ECMA-262 §8.6.2, §13.15.5.
//!
//! One walker serves both: with an environment the names are initialized
//! in it; without one each target is assigned with PutValue.

use parser::ast::{self, Pattern, PatternKind};

use crate::environment::Env;
use crate::eval_expr::RefBase;
use crate::interp::Interp;
use crate::operations::{self, get_v};
use crate::value::{PropertyKey, Value};
use crate::{JsError, JsResult};

/// BoundNames of a binding pattern.
pub(crate) fn bound_names(p: &Pattern, out: &mut Vec<ast::Atom>) {
    match &p.kind {
        PatternKind::Ident(n, _) => out.push(n.clone()),
        PatternKind::Object(props, rest) => {
            for prop in props {
                bound_names(&prop.value, out);
            }
            if let Some(r) = rest {
                bound_names(r, out);
            }
        }
        PatternKind::Array(elems, rest) => {
            for e in elems.iter().flatten() {
                bound_names(e, out);
            }
            if let Some(r) = rest {
                bound_names(r, out);
            }
        }
        PatternKind::Default(inner, _) => bound_names(inner, out),
        PatternKind::Expr(_) => {}
    }
}

type PreparedTarget<'a> = Option<(RefBase, PropertyKey, Option<&'a ast::Expr>)>;

impl Interp {
    /// Evaluates a member-expression assignment target (and finds its
    /// default initializer) ahead of the value.
    fn pre_evaluate_target<'a>(&mut self, p: &'a Pattern) -> JsResult<PreparedTarget<'a>> {
        let (inner, default) = match &p.kind {
            PatternKind::Default(inner, d) => (&**inner, Some(&**d)),
            _ => (p, None),
        };
        if let PatternKind::Expr(e) = &inner.kind {
            let mut t: &ast::Expr = e;
            while let ast::ExprKind::Paren(i) = &t.kind {
                t = i;
            }
            if matches!(
                t.kind,
                ast::ExprKind::Member { .. } | ast::ExprKind::SuperMember(_)
            ) {
                let (base, key) = self.eval_reference_for(t, true)?;
                return Ok(Some((base, key, default)));
            }
        }
        Ok(None)
    }

    /// Binds `value` to `pattern`: initializes bindings in `env`, or
    /// assigns (PutValue) when `env` is `None`.
    pub(crate) fn bind_pattern(
        &mut self,
        pattern: &Pattern,
        value: Value,
        env: Option<&Env>,
    ) -> JsResult<()> {
        match &pattern.kind {
            PatternKind::Ident(name, cache) => match env {
                Some(env) => {
                    self.initialize_binding(env, name, value);
                    Ok(())
                }
                None => self.set_identifier(name, Some(cache), value),
            },
            PatternKind::Default(inner, default) => {
                let v = if value.is_undefined() {
                    match &inner.kind {
                        PatternKind::Ident(n, _) => self.eval_named_ident(default, n)?,
                        _ => self.eval_expr(default)?,
                    }
                } else {
                    value
                };
                self.bind_pattern(inner, v, env)
            }
            PatternKind::Expr(e) => self.put_value_expr(e, value),
            PatternKind::Object(props, rest) => {
                if value.is_nullish() {
                    let what = if value.is_null() { "null" } else { "undefined" };
                    let msg = match props.first().map(|p| &p.key) {
                        Some(ast::PropKey::Ident(n)) => {
                            format!(
                                "Cannot destructure property '{n}' of '{what}' as it is {what}."
                            )
                        }
                        _ => format!("Cannot destructure '{what}' as it is {what}."),
                    };
                    return Err(self.type_error(msg));
                }
                let mut used = Vec::new();
                for prop in props {
                    let key = self.eval_prop_key(&prop.key)?;
                    let v = get_v(self, &value, &key)?;
                    used.push(key);
                    self.bind_pattern(&prop.value, v, env)?;
                }
                if let Some(r) = rest {
                    let obj = operations::new_object(self);
                    crate::eval_expr::copy_data_properties(self, &obj, &value, &used)?;
                    self.bind_pattern(r, Value::Object(obj), env)?;
                }
                Ok(())
            }
            PatternKind::Array(elems, rest) => {
                let mut rec = operations::get_iterator(self, &value)?;
                let result = self.bind_array_elements(&mut rec, elems, rest.as_deref(), env);
                if rec.done {
                    return result;
                }
                match result {
                    Ok(()) => operations::iterator_close(self, &rec, Ok(())),
                    Err(e @ (JsError::Throw(_) | JsError::GeneratorReturn(_))) => {
                        operations::iterator_close(self, &rec, Err(e))
                    }
                    Err(e) => Err(e),
                }
            }
        }
    }

    fn bind_array_elements(
        &mut self,
        rec: &mut operations::IteratorRecord,
        elems: &[Option<Pattern>],
        rest: Option<&Pattern>,
        env: Option<&Env>,
    ) -> JsResult<()> {
        for el in elems {
            // An assignment target that is a member expression is evaluated
            // before the iterator is stepped (AssignmentElement, step 1).
            let target = match (env, el) {
                (None, Some(p)) => self.pre_evaluate_target(p)?,
                _ => None,
            };
            let v = if rec.done {
                Value::Undefined
            } else {
                operations::iterator_step_value(self, rec)?.unwrap_or_default()
            };
            match (target, el) {
                (Some((base, key, default)), _) => {
                    let v = match default {
                        Some(d) if v.is_undefined() => self.eval_expr(d)?,
                        _ => v,
                    };
                    self.put_reference(&base, key, v)?;
                }
                (None, Some(p)) => self.bind_pattern(p, v, env)?,
                (None, None) => {}
            }
        }
        if let Some(r) = rest {
            let target = match env {
                None => self.pre_evaluate_target(r)?,
                Some(_) => None,
            };
            let mut items = Vec::new();
            while !rec.done {
                match operations::iterator_step_value(self, rec)? {
                    Some(v) => items.push(v),
                    None => break,
                }
            }
            let arr = operations::create_array_from_list(self, items);
            if let Some((base, key, _)) = target {
                return self.put_reference(&base, key, Value::Object(arr));
            }
            self.bind_pattern(r, Value::Object(arr), env)?;
        }
        Ok(())
    }
}
