// Questionnaires: the public list and results, answering one, starting one, the exports.
import { api } from '../../api.js'

const enc = encodeURIComponent
const pub = (cid) => `/api/v1/public/compounds/${enc(cid)}/questionnaires`
const base = (cid) => `/api/v1/compounds/${enc(cid)}/questionnaires`

export const listQuestionnaires = (cid) => api(pub(cid))
export const getQuestionnaire = (cid, qid) => api(`${pub(cid)}/${enc(qid)}`)
export const getQuestionnaireResults = (cid, qid) => api(`${pub(cid)}/${enc(qid)}/results`)
export const answerQuestionnaire = (cid, qid, body) =>
  api(`${base(cid)}/${enc(qid)}/answers`, { method: 'POST', body })
export const createQuestionnaire = (cid, body) => api(base(cid), { method: 'POST', body })
// The responses as a table: 'csv' or 'xlsx'.
export const responsesExportUrl = (cid, qid, ext) =>
  `${base(cid)}/${enc(qid)}/export/responses.${ext}`
