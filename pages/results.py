import streamlit as st

from pages import ui
from reports import wording
from services import returning
from services.results_view import ResultsView, load_view

engine = ui.engine()

attempt = st.query_params.get("attempt")
allowed = bool(attempt) and (
    attempt in ui.own_attempts()
    or returning.may_view(engine, attempt, respondent_id=st.session_state.get("respondent_id"))
)
# Checked on every rerun: a link alone opens results only briefly after finishing.
if not allowed:
    st.title("Results")
    st.info("To see results, open them with your result code.")
    st.page_link("pages/come_back.py", label="Enter my result code", icon=":material/key:")
    st.stop()


# Finished attempts never change, so their scores and charts are built once; the access check
# above still runs on every rerun, and a deleted attempt fails it before the cache is read.
@st.cache_resource(ttl=600, max_entries=256, show_spinner=False)
def cached_view(attempt_id: str, database: str) -> ResultsView | None:
    return load_view(engine, attempt_id)


view = cached_view(attempt, ui.database_key())
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
        if st.checkbox("I've saved my code", key=f"saved:{attempt}"):
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
        for prompt in model.prompts:
            st.markdown(f"- {ui.escape_md(prompt)}")
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
