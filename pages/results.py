import streamlit as st

from pages import ui
from reports import wording
from services import returning

engine = ui.engine()

attempt = returning.canonical_attempt_id(st.query_params.get("attempt"))
# Checked on every rerun, against the database: deleted results fail it in every session,
# and a link alone opens results only briefly after finishing.
allowed = attempt is not None and returning.may_view(
    engine,
    attempt,
    respondent_id=st.session_state.get("respondent_id"),
    owner=attempt in ui.own_attempts(),
)
if not allowed:
    st.title("Results")
    st.info("To see results, open them with your result code.")
    st.page_link("pages/come_back.py", label="Enter my result code", icon=":material/key:")
    st.stop()


view = ui.results_view(attempt)
if view is None:
    st.error("These results no longer exist.")
    st.stop()
results = view.results

st.title("Your results")
code = st.session_state.get("new_codes", {}).get(attempt)
if code:
    with st.container(border=True):
        st.subheader("Your result code")
        st.code(code, language=None)
        st.warning(
            "Keep this code somewhere safe: it is the only way back to these results, to retake "
            "the check or to delete your data. We store it only scrambled, so we cannot show it "
            "again or recover it.",
            icon=":material/key:",
        )
        if st.button("I've saved my code: hide it", key=f"saved:{attempt}"):
            st.session_state["new_codes"].pop(attempt, None)
            st.rerun()

if results.submitted_at:
    st.caption(f"Check finished {results.submitted_at:%d %b %Y, %H:%M} UTC")

st.header("Your role models")
if view.role_model_map:
    ui.chart(view.role_model_map, key="role-model-map")

for model in results.role_models:
    with st.container(border=True):
        st.subheader(ui.escape_md(model.label))
        st.caption(f"{model.kind_text} · {model.known_text}")
        verdict = model.verdict
        if verdict is None:
            st.info(
                "Not enough answers about this person to weigh inspiration against discouragement."
            )
        else:
            st.markdown(f"#### {wording.verdict_headline(verdict.label, verdict.net)}")
            st.write(
                wording.verdict_sentence(
                    verdict.net,
                    verdict.band.low,
                    verdict.band.high,
                    verdict.inspiration,
                    verdict.discouragement,
                )
            )
            st.markdown("**What pushed it**")
            for driver in verdict.drivers:
                arrow = wording.DRIVER_ARROWS.get(driver.direction, "·")
                st.markdown(f"- {arrow} {driver.sentence}")
        ui.chart(view.pairs[model.position], key=f"pairs-{model.position}")
        if model.quality or model.practice:
            st.markdown("**What you admire, practised as yourself**")
            if model.quality:
                st.markdown(f"Quality: {ui.escape_md(model.quality)}")
            if model.practice:
                st.markdown(f"This week: {ui.escape_md(model.practice)}")
        st.markdown("**To reflect on**")
        # Our prompts are Markdown; only the runner's own words inside them are escaped.
        prompts = wording.reflection_prompts(
            ui.escape_md(model.label),
            verdict.label if verdict else "mixed",
            ui.escape_md(model.quality) if model.quality else None,
        )
        for prompt in prompts:
            st.markdown(f"- {prompt}")
        if verdict is not None:
            st.caption(verdict.limits)

st.header("About you as a runner")
ui.chart(view.scale_bands, key="scale-bands")
for scale in results.scales:
    with st.container(border=True):
        st.markdown(f"**{scale.title}**")
        if scale.scored:
            st.write(
                f"{wording.format_score(scale.score, scale.minimum, scale.maximum)} "
                f"({wording.format_pomp(scale.pomp)}; "
                f"{wording.format_band(scale.pomp_low, scale.pomp_high)})"
            )
            st.write(scale.meaning)
        else:
            st.write(f"Not enough answers for a score ({scale.n_answered} of {scale.n_items}).")
        st.caption(scale.cannot_tell)

ui.downloads(engine, attempt)

st.header("One more thing")
st.write(results.closing_prompt)
with st.expander("What these results can and cannot tell"):
    st.write(results.limits)
st.page_link(
    "pages/about.py", label="The science behind the questions", icon=":material/menu_book:"
)
