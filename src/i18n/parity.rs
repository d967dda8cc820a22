//! The translation files against the Dutch one: every message and attribute of
//! nl.ftl in every language, with the same variables (none missing, none unknown),
//! and every selector over a number with a default `*[other]` and a variant for each
//! plural category the language has by CLDR.
//!
//! The categories come from `intl_pluralrules` (the CLDR rules Fluent itself uses to
//! pick a variant): every category CLDR gives a whole number from 0 to 1000, the
//! numbers a count on the kiosk can be, plus `other`.

use super::{LANGUAGES, SETUP_LANGUAGES, STAFF_LANGUAGES};
use fluent_syntax::ast::{
    CallArguments, Entry, Expression, InlineExpression, Pattern, PatternElement, VariantKey,
};
use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
use std::collections::{BTreeMap, BTreeSet};

/// The CLDR plural category names, as Fluent variant keys.
const CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// One `{ $x -> … }` in a message.
#[derive(Debug)]
struct Selector {
    /// The variable selected on (`$count`, or the one inside `NUMBER($count)`).
    variable: Option<String>,
    /// The names of its variants (`one`, `few`, `0`, …).
    keys: BTreeSet<String>,
    /// The name of the default (`*`) variant.
    default: String,
}

impl Selector {
    /// Whether it chooses by number: every variant is named by a number or a CLDR
    /// category, and one by something other than `other` (`[xls] … *[other]`
    /// chooses by a word).
    fn is_plural(&self) -> bool {
        let number = |k: &str| k.parse::<f64>().is_ok_and(f64::is_finite);
        self.keys
            .iter()
            .all(|k| number(k) || CATEGORIES.contains(&k.as_str()))
            && self.keys.iter().any(|k| k != "other")
    }
}

/// What a message (or one of its attributes) needs from a translation.
#[derive(Debug, Default)]
struct Shape {
    /// Every `$variable` it uses, anywhere.
    variables: BTreeSet<String>,
    /// Its selectors.
    selectors: Vec<Selector>,
}

/// The shapes of a file's messages and attributes (`id`, `id.attribute`).
fn shapes(source: &str) -> Result<BTreeMap<String, Shape>, String> {
    let resource = fluent_syntax::parser::parse(source)
        .map_err(|(_, errors)| format!("does not parse: {errors:?}"))?;
    let mut shapes = BTreeMap::new();
    for entry in resource.body {
        let Entry::Message(message) = entry else {
            continue;
        };
        let id = message.id.name;
        if let Some(value) = &message.value {
            shapes.insert(id.to_owned(), shape_of(value));
        }
        for attribute in &message.attributes {
            shapes.insert(
                format!("{id}.{}", attribute.id.name),
                shape_of(&attribute.value),
            );
        }
    }
    Ok(shapes)
}

fn shape_of(pattern: &Pattern<&str>) -> Shape {
    let mut shape = Shape::default();
    walk_pattern(pattern, &mut shape);
    shape
}

fn walk_pattern(pattern: &Pattern<&str>, shape: &mut Shape) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            walk_expression(expression, shape);
        }
    }
}

fn walk_expression(expression: &Expression<&str>, shape: &mut Shape) {
    match expression {
        Expression::Inline(inline) => walk_inline(inline, shape),
        Expression::Select { selector, variants } => {
            walk_inline(selector, shape);
            let variable = match selector {
                InlineExpression::VariableReference { id } => Some(id.name.to_owned()),
                InlineExpression::FunctionReference { arguments, .. } => {
                    arguments.positional.iter().find_map(|a| match a {
                        InlineExpression::VariableReference { id } => Some(id.name.to_owned()),
                        _ => None,
                    })
                }
                _ => None,
            };
            let name = |key: &VariantKey<&str>| match key {
                VariantKey::Identifier { name } => (*name).to_owned(),
                VariantKey::NumberLiteral { value } => (*value).to_owned(),
            };
            shape.selectors.push(Selector {
                variable,
                keys: variants.iter().map(|v| name(&v.key)).collect(),
                default: variants
                    .iter()
                    .find(|v| v.default)
                    .map(|v| name(&v.key))
                    .unwrap_or_default(),
            });
            for variant in variants {
                walk_pattern(&variant.value, shape);
            }
        }
    }
}

fn walk_inline(inline: &InlineExpression<&str>, shape: &mut Shape) {
    match inline {
        InlineExpression::VariableReference { id } => {
            shape.variables.insert(id.name.to_owned());
        }
        InlineExpression::FunctionReference { arguments, .. } => walk_arguments(arguments, shape),
        InlineExpression::TermReference {
            arguments: Some(arguments),
            ..
        } => walk_arguments(arguments, shape),
        InlineExpression::Placeable { expression } => walk_expression(expression, shape),
        _ => {}
    }
}

fn walk_arguments(arguments: &CallArguments<&str>, shape: &mut Shape) {
    for argument in &arguments.positional {
        walk_inline(argument, shape);
    }
    for named in &arguments.named {
        walk_inline(&named.value, shape);
    }
}

/// The plural categories a language needs for whole numbers, by CLDR (always with
/// `other`); `None` when CLDR has no rules for the language.
fn plural_categories(code: &str) -> Option<BTreeSet<&'static str>> {
    let language: unic_langid::LanguageIdentifier = code.parse().ok()?;
    let rules = PluralRules::create(language, PluralRuleType::CARDINAL).ok()?;
    let mut categories = BTreeSet::from(["other"]);
    for n in 0..=1000_u32 {
        if let Ok(category) = rules.select(n) {
            categories.insert(match category {
                PluralCategory::ZERO => "zero",
                PluralCategory::ONE => "one",
                PluralCategory::TWO => "two",
                PluralCategory::FEW => "few",
                PluralCategory::MANY => "many",
                PluralCategory::OTHER => "other",
            });
        }
    }
    Some(categories)
}

/// Everything wrong with `translation` (in language `code`) against the Dutch
/// `dutch`, one line each; empty when it is complete.
fn problems(code: &str, dutch: &str, translation: &str) -> Vec<String> {
    let (dutch, translated) = match (shapes(dutch), shapes(translation)) {
        (Ok(d), Ok(t)) => (d, t),
        (Err(e), _) => return vec![format!("nl.ftl {e}")],
        (_, Err(e)) => return vec![format!("{code}.ftl {e}")],
    };
    let Some(categories) = plural_categories(code) else {
        return vec![format!("CLDR has no plural rules for '{code}'")];
    };
    let mut problems = Vec::new();
    for (id, wanted) in &dutch {
        let Some(shape) = translated.get(id) else {
            problems.push(format!("{code}: {id} is missing"));
            continue;
        };
        for variable in wanted.variables.difference(&shape.variables) {
            problems.push(format!("{code}: {id} does not use ${variable}"));
        }
        for variable in shape.variables.difference(&wanted.variables) {
            problems.push(format!(
                "{code}: {id} uses ${variable}, which the Dutch text does not give"
            ));
        }
        // A text that varies by a number in Dutch varies by it here too, where the
        // language has more than one form.
        for dutch_selector in wanted.selectors.iter().filter(|s| s.is_plural()) {
            let selects_too = shape
                .selectors
                .iter()
                .any(|s| s.is_plural() && s.variable == dutch_selector.variable);
            if categories.len() > 1 && !selects_too {
                problems.push(format!(
                    "{code}: {id} does not choose its words by ${}",
                    dutch_selector.variable.as_deref().unwrap_or("?")
                ));
            }
        }
    }
    for (id, shape) in &translated {
        if !dutch.contains_key(id) {
            problems.push(format!("{code}: {id} is not in nl.ftl"));
        }
        for selector in shape.selectors.iter().filter(|s| s.is_plural()) {
            if selector.default != "other" {
                problems.push(format!(
                    "{code}: {id} has *[{}] as its default; make it *[other]",
                    selector.default
                ));
            }
            for category in &categories {
                if !selector.keys.contains(*category) {
                    problems.push(format!(
                        "{code}: {id} has no [{category}] variant, which {code} needs"
                    ));
                }
            }
        }
    }
    problems
}

#[test]
fn every_language_has_every_message_variable_and_plural_form() {
    let dutch = LANGUAGES[0].1;
    let mut found = Vec::new();
    for (code, source) in LANGUAGES {
        found.extend(problems(code, dutch, source));
    }
    for (code, source) in STAFF_LANGUAGES {
        found.extend(problems(code, STAFF_LANGUAGES[0].1, source));
    }
    for (code, source) in SETUP_LANGUAGES {
        found.extend(problems(code, SETUP_LANGUAGES[0].1, source));
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
    assert!(shapes(dutch).unwrap().len() > 30);
}

#[test]
fn the_plural_categories_are_cldr_s() {
    let set = |list: &[&'static str]| list.iter().copied().collect::<BTreeSet<_>>();
    assert_eq!(plural_categories("nl"), Some(set(&["one", "other"])));
    assert_eq!(plural_categories("tr"), Some(set(&["one", "other"])));
    assert_eq!(
        plural_categories("pl"),
        Some(set(&["one", "few", "many", "other"]))
    );
    assert_eq!(
        plural_categories("uk"),
        Some(set(&["one", "few", "many", "other"]))
    );
    assert_eq!(
        plural_categories("ar"),
        Some(set(&["zero", "one", "two", "few", "many", "other"]))
    );
}

const DUTCH: &str = "
greeting = Hallo, { $name }!
digits = { $count ->
    [0] Nog geen cijfers
    [one] 1 cijfer
   *[other] { $count } cijfers
}
";

#[test]
fn a_complete_sample_passes() {
    let polish = "
greeting = Cześć, { $name }!
digits = { $count ->
    [0] Jeszcze nic
    [one] 1 cyfra
    [few] { $count } cyfry
    [many] { $count } cyfr
   *[other] { $count } cyfry
}
";
    assert_eq!(problems("pl", DUTCH, polish), Vec::<String>::new());
}

#[test]
fn a_missing_key_is_found() {
    let found = problems("en", DUTCH, "greeting = Hello, { $name }!\n");
    assert_eq!(found, ["en: digits is missing"]);
}

#[test]
fn a_missing_or_unknown_variable_is_found() {
    let english = "
greeting = Hello, { $naam }!
digits = { $count ->
    [one] 1 digit
   *[other] { $count } digits
}
";
    let found = problems("en", DUTCH, english);
    assert_eq!(
        found,
        [
            "en: greeting does not use $name",
            "en: greeting uses $naam, which the Dutch text does not give",
        ]
    );
}

#[test]
fn a_missing_plural_variant_or_default_is_found() {
    let polish = "
greeting = Cześć, { $name }!
digits = { $count ->
    [one] 1 cyfra
   *[few] { $count } cyfry
}
";
    let found = problems("pl", DUTCH, polish);
    assert_eq!(
        found,
        [
            "pl: digits has *[few] as its default; make it *[other]",
            "pl: digits has no [many] variant, which pl needs",
            "pl: digits has no [other] variant, which pl needs",
        ]
    );
    let arabic = "
greeting = مرحبا، { $name }!
digits = { $count ->
    [one] رقم واحد
    [two] رقمان
   *[other] { $count } أرقام
}
";
    let found = problems("ar", DUTCH, arabic);
    assert_eq!(
        found,
        [
            "ar: digits has no [few] variant, which ar needs",
            "ar: digits has no [many] variant, which ar needs",
            "ar: digits has no [zero] variant, which ar needs",
        ]
    );
}

#[test]
fn a_selector_on_a_word_is_not_a_plural() {
    let dutch = "kind = { $format ->\n    [xls] oud\n   *[other] anders\n}\n";
    let english = "kind = { $format ->\n    [xls] old\n   *[other] other\n}\n";
    assert_eq!(problems("en", dutch, english), Vec::<String>::new());
}

#[test]
fn a_text_that_no_longer_varies_by_number_is_found() {
    let english = "greeting = Hello, { $name }!\ndigits = { $count } digits\n";
    assert_eq!(
        problems("en", DUTCH, english),
        ["en: digits does not choose its words by $count"]
    );
}

#[test]
fn the_new_languages_choose_their_plural_forms() {
    use fluent_bundle::FluentValue;
    let texts = super::Texts::load(&welkom_core::LanguageTag::dutch()).unwrap();
    let birthday = |code: &str, age: u32| {
        let language = welkom_core::LanguageTag::parse(code).unwrap();
        let args = [
            ("child", FluentValue::from("Léa")),
            ("age", FluentValue::from(age)),
        ];
        texts.get(&language, "occasion-birthday", &args)
    };
    assert_eq!(birthday("fr", 1), "Hourra, Léa a 1 an aujourd’hui\u{a0}!");
    assert_eq!(birthday("fr", 3), "Hourra, Léa a 3 ans aujourd’hui\u{a0}!");
    assert_eq!(birthday("es", 1), "¡Hurra, Léa cumple hoy 1 año!");
    assert_eq!(birthday("es", 4), "¡Hurra, Léa cumple hoy 4 años!");
    assert_eq!(birthday("de", 2), "Hurra, Léa wird heute 2!");
}
