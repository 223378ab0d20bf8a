import { createApp } from 'vue'
import {
  Button,
  Cell,
  CellGroup,
  ConfigProvider,
  Empty,
  Field,
  Form,
  Grid,
  GridItem,
  Loading,
  NavBar,
  NoticeBar,
  Tab,
  Tabs,
  Tabbar,
  TabbarItem,
  Tag,
  Toast,
  Collapse,
  CollapseItem,
  Divider,
  Radio,
  RadioGroup,
  Checkbox,
  CheckboxGroup,
  Progress,
  Switch,
  Icon,
  Step,
  Steps,
} from 'vant'
import 'vant/lib/index.css'
import App from './App.vue'
import { router } from './router.js'
import { i18n } from './i18n.js'
import './style.css'

const app = createApp(App)
for (const c of [
  Button,
  Cell,
  CellGroup,
  ConfigProvider,
  Empty,
  Field,
  Form,
  Grid,
  GridItem,
  Loading,
  NavBar,
  NoticeBar,
  Tab,
  Tabs,
  Tabbar,
  TabbarItem,
  Tag,
  Toast,
  Collapse,
  CollapseItem,
  Divider,
  Radio,
  RadioGroup,
  Checkbox,
  CheckboxGroup,
  Progress,
  Switch,
  Icon,
  Step,
  Steps,
])
  app.use(c)
app.use(router).use(i18n).mount('#app')
